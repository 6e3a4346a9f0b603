import { MEDIA_URL_PREFIX } from './media-urls.js';

type Media = Record<string, unknown> & { url: string };

/** Rounds of decoding a url path: enough for any double encoding a server would undo. */
const MAX_DECODE_ROUNDS = 4;

/**
 * The path `url` names, as a lenient server would route it: percent-decoded (repeatedly),
 * backslashes as slashes, dot segments resolved, repeated slashes collapsed, lower case.
 * Undefined when it is no URL at all.
 */
function routedPath(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url, 'http://gateway.invalid').pathname;
  } catch {
    return undefined;
  }
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = path;
    }
    // A decoded `?` or `#` stays part of the path, as it does for a router that decoded it.
    const plain = decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/\?/g, '%3F').replace(/#/g, '%23');
    const next = new URL(plain, 'http://gateway.invalid').pathname;
    if (next === path) break;
    path = next;
  }
  return path.toLowerCase();
}

/**
 * A result whose `url` routes to this gateway's media (`/v1/media/...`), in any form:
 * relative, absolute on some host (our CLI would resolve that against its own gateway),
 * percent-encoded, doubled slashes or another case, since the router decodes before matching.
 */
export function gatewayMedia(payload: unknown): Media | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const url = (payload as { url?: unknown }).url;
  if (typeof url !== 'string') return undefined;
  const path = routedPath(url);
  return path !== undefined && path.startsWith(MEDIA_URL_PREFIX) ? (payload as Media) : undefined;
}
