import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayPort } from './gateway-port.js';
import { quoted } from './peer-text.js';

type Content = CallToolResult['content'][number];
type Json = Record<string, unknown>;

/** Largest image read back from the gateway's media store for image content, bytes. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Largest text content of one result, characters: a bigger answer is cut, saying so. */
export const MAX_TEXT_CHARS = 1024 * 1024;

const MIME: Readonly<Record<string, string>> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', mp4: 'video/mp4', webm: 'video/webm', m4a: 'audio/mp4', wav: 'audio/wav' };

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text content, cut to `MAX_TEXT_CHARS` with a note a model can read. */
export function text(value: string): Content {
  if (value.length <= MAX_TEXT_CHARS) return { type: 'text', text: value };
  return { type: 'text', text: `${value.slice(0, MAX_TEXT_CHARS)}\n… (cut: the answer is ${value.length} characters, over the ${MAX_TEXT_CHARS} this server returns)` };
}

/** The result's media, when it is a still or clip (`{format, base64 | url, ...}`, COMMANDS.md 1.6). */
function mediaOf(payload: unknown): { mime: string; base64?: string; url?: string; meta: Json } | undefined {
  if (!isRecord(payload) || typeof payload.format !== 'string') return undefined;
  const mime = MIME[payload.format.toLowerCase()];
  const { base64, url, ...meta } = payload;
  if (!mime || (typeof base64 !== 'string' && typeof url !== 'string')) return undefined;
  return { mime, meta, ...(typeof base64 === 'string' ? { base64 } : {}), ...(typeof url === 'string' ? { url } : {}) };
}

/**
 * A node command's payload as MCP content: a still (canvas, camera, screen) as image content
 * (read back from the gateway's media store when it came as a url), a clip as a resource — a
 * link to its gateway url, or the blob itself when it came inline — each with its metadata as
 * JSON text; anything else as JSON text.
 */
export async function payloadContent(port: GatewayPort, command: string, payload: unknown): Promise<CallToolResult> {
  const media = mediaOf(payload);
  if (!media) return { content: [text(JSON.stringify(payload ?? null, null, 2))], ...(isRecord(payload) ? { structuredContent: payload } : {}) };
  const meta = text(JSON.stringify(media.meta));
  if (media.mime.startsWith('image/')) {
    let data = media.base64;
    if (data === undefined && media.url !== undefined) data = (await port.readMedia?.(media.url, MAX_IMAGE_BYTES))?.bytes.toString('base64');
    if (data !== undefined) return { content: [{ type: 'image', data, mimeType: media.mime }, meta] };
  }
  const name = `${command} result`;
  if (media.url !== undefined) {
    // A node picks the url: only media this gateway stores may become a link the caller fetches with its token.
    const uri = port.mediaUrl?.(media.url);
    if (uri === undefined) {
      throw new OpenClawError('MEDIA_NOT_FOUND', `the node answered ${command} with media at ${quoted(media.url)}, which is not media this gateway stores (expired, or not a url of this gateway); call again`);
    }
    return { content: [{ type: 'resource_link', uri, name, mimeType: media.mime, description: 'Stored on this gateway: fetch with the same Authorization: Bearer token; it expires with the gateway media store.' }, meta] };
  }
  return { content: [{ type: 'resource', resource: { uri: `openclaw-media:${command}`, mimeType: media.mime, blob: media.base64 ?? '' } }, meta] };
}

/** The exec tool's answer for `system_run`: exit code, stdout and stderr as text; a non-zero exit is a tool error. */
export function execContent(result: unknown): CallToolResult {
  const r = isRecord(result) && isRecord(result.result) ? result.result : {};
  const lines = [
    `exit code: ${typeof r.exitCode === 'number' ? r.exitCode : 'none'}${r.timedOut === true ? ' (timed out)' : ''}`,
    `stdout:\n${typeof r.stdout === 'string' ? r.stdout : ''}`,
    `stderr:\n${typeof r.stderr === 'string' ? r.stderr : ''}`,
    ...(typeof r.error === 'string' && r.error ? [`error: ${r.error}`] : []),
  ];
  return { content: [text(lines.join('\n'))], structuredContent: r, isError: r.status !== 'completed' };
}
