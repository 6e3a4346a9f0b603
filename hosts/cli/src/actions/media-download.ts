import { OpenClawError } from '@openclaw-nodes/core/errors';
import { moveMediaFileTo, writeMediaStream } from '@openclaw-nodes/core/media';
import { gatewayHttp, gatewayOrigin, readJsonResponse } from '@openclaw-nodes/core/rpc';
import { megabytes, progressLine } from '../format/progress-line.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';

/** Largest download (CLI.md 3: 250 MiB, streamed, partial file deleted on error). */
export const MAX_DOWNLOAD_BYTES = 250 * 1024 * 1024;
/** A download that takes longer than this is given up. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Downloads a media result's `url` to a new MEDIA file and returns its path. The gateway's own
 * media (`/v1/media/<id>`, relative or on the gateway's origin) is fetched from the gateway
 * this CLI talks to, with its credentials; any other URL must be `https` and gets no
 * credentials (a node could name any host). A progress line shows on a terminal. With
 * `place.out` the file ends up at exactly that path (`--out`).
 * Throws `MEDIA_PAYLOAD_INVALID` (refused URL), `MEDIA_NOT_FOUND`, `PAYLOAD_TOO_LARGE`.
 */
export async function downloadMedia(flags: GatewayFlags & { json?: boolean }, url: string, prefix: string, extension: string, place: { out?: string } = {}): Promise<string> {
  const target = await resolveTarget(flags, 60_000);
  const origin = gatewayOrigin(target.url);
  let resolved: URL;
  try {
    resolved = new URL(url, origin);
  } catch {
    throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the node answered with a media url that is not a URL');
  }
  const ours = resolved.origin === origin && resolved.pathname.startsWith('/v1/media/');
  if (!ours && resolved.protocol !== 'https:') {
    throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `refusing to download media from ${resolved.origin}: only this gateway's media or https URLs are fetched`, { details: { url: resolved.origin } });
  }
  const headers = ours && target.token !== undefined ? { authorization: `Bearer ${target.token}` } : undefined;
  // The gateway's own media comes over the connection pinned like its WebSocket.
  const pin = ours && target.tlsFingerprint !== undefined ? { tlsFingerprint: target.tlsFingerprint } : {};
  const local = ours ? { localProofDir: target.stateDir } : {};
  const res = await gatewayHttp({ url: resolved.origin, ...pin, ...local }, 'GET', resolved.pathname + resolved.search, { headers, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (res.statusCode !== 200) {
    const answer = (await readJsonResponse(res).catch(() => undefined)) as { error?: { message?: string } } | undefined;
    const code = res.statusCode === 404 ? 'MEDIA_NOT_FOUND' : 'UNAVAILABLE';
    throw new OpenClawError(code, `could not download the media (HTTP ${res.statusCode}): ${answer?.error?.message ?? res.statusMessage ?? ''}`, { details: { status: res.statusCode } });
  }
  const total = Number(res.headers['content-length'] ?? NaN);
  if (total > MAX_DOWNLOAD_BYTES) {
    res.destroy();
    throw new OpenClawError('PAYLOAD_TOO_LARGE', `the media is ${total} bytes, over the ${MAX_DOWNLOAD_BYTES} bytes the CLI downloads`, { details: { bytes: total, maxBytes: MAX_DOWNLOAD_BYTES } });
  }
  const line = progressLine(process.stderr, flags.json);
  const of = Number.isFinite(total) ? ` / ${megabytes(total)}` : '';
  try {
    const path = await writeMediaStream(res, prefix, extension, { maxBytes: MAX_DOWNLOAD_BYTES, onBytes: (n) => line.update(`downloading ${megabytes(n)}${of}`) });
    return place.out === undefined ? path : await moveMediaFileTo(path, place.out);
  } finally {
    line.done();
  }
}
