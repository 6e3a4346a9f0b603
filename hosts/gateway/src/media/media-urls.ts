/** Path of a stored media file's URL on this gateway; the id is 32 random bytes, base64url. */
export const MEDIA_URL_PREFIX = '/v1/media/';
/** A stored media id as it appears in urls. */
export const MEDIA_ID = /^[A-Za-z0-9_-]{43}$/;

/** A cluster member id: the member's boot id, a lowercase UUID. Nothing else names a member in a url. */
export const MEMBER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Media a cluster member holds, as a media url names it: `/v1/media/<member>.<id>`. */
export interface QualifiedMedia {
  member: string;
  mediaId: string;
}

/** The url of media `mediaId` held by cluster member `member`. */
export const qualifiedMediaUrl = (member: string, mediaId: string): string => `${MEDIA_URL_PREFIX}${member}.${mediaId}`;

/**
 * The member and media id a `/v1/media/` path segment names (`<member>.<id>`), only in the
 * exact form `qualifiedMediaUrl` writes; undefined for a plain id or anything else.
 */
export function qualifiedSegment(segment: string): QualifiedMedia | undefined {
  const dot = segment.indexOf('.');
  if (dot < 0) return undefined;
  const member = segment.slice(0, dot);
  const mediaId = segment.slice(dot + 1);
  return MEMBER_ID.test(member) && MEDIA_ID.test(mediaId) ? { member, mediaId } : undefined;
}

/** `qualifiedSegment` of a whole url, which must be exactly `/v1/media/<member>.<id>`. */
export function qualifiedUrl(url: string): QualifiedMedia | undefined {
  return url.startsWith(MEDIA_URL_PREFIX) ? qualifiedSegment(url.slice(MEDIA_URL_PREFIX.length)) : undefined;
}
