import { OpenClawError } from '@openclaw-nodes/core/errors';
import { printJson } from '../format/table.js';
import { mediaLine, writeMediaFile } from '@openclaw-nodes/core/media';
import { invokeCanvas, numberFlag, type CanvasFlags } from './canvas-invoke.js';

const FORMATS: Record<string, 'png' | 'jpeg'> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg' };

/** `nodes canvas snapshot`: the capture goes to a temp file; prints `MEDIA:<path>` (CLI.md 3). */
export async function canvasSnapshot(flags: CanvasFlags & { format: string; maxWidth?: string; quality?: string }): Promise<void> {
  const format = FORMATS[flags.format.trim().toLowerCase()];
  if (format === undefined) throw new OpenClawError('CLI_USAGE', `invalid format: ${flags.format} (expected png|jpg|jpeg)`);
  const params: Record<string, unknown> = { format };
  if (flags.maxWidth !== undefined) params.maxWidth = numberFlag('--max-width', flags.maxWidth, { integer: true, min: 1 });
  if (flags.quality !== undefined) params.quality = numberFlag('--quality', flags.quality, { min: 0, max: 1 });
  const { payload } = await invokeCanvas<{ format?: unknown; base64?: unknown }>(flags, 'canvas.snapshot', params, { invokeTimeoutMs: 20_000, timeoutMs: 60_000 });
  const got = payload?.format === 'png' || payload?.format === 'jpeg' ? payload.format : undefined;
  if (got === undefined) throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `the node answered canvas.snapshot with format ${JSON.stringify(payload?.format)}; expected png or jpeg`);
  const path = await writeMediaFile(payload.base64, 'openclaw-canvas-snapshot', got === 'jpeg' ? 'jpg' : 'png');
  if (flags.json) return printJson({ file: { path, format: got } });
  process.stdout.write(`${mediaLine(path)}\n`);
}

/** `nodes canvas present`: placement is sent only when a coordinate was given. */
export async function canvasPresent(flags: CanvasFlags & { target?: string; x?: string; y?: string; width?: string; height?: string }): Promise<void> {
  const placement: Record<string, number> = {};
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    const raw = flags[key];
    if (raw !== undefined) placement[key] = numberFlag(`--${key}`, raw, key === 'width' || key === 'height' ? { min: 1 } : {});
  }
  const params = { ...(flags.target === undefined ? {} : { url: flags.target }), ...(Object.keys(placement).length > 0 ? { placement } : {}) };
  report(flags, 'canvas present ok', await invokeCanvas(flags, 'canvas.present', params));
}

export async function canvasHide(flags: CanvasFlags): Promise<void> {
  report(flags, 'canvas hide ok', await invokeCanvas(flags, 'canvas.hide', {}));
}

export async function canvasNavigate(url: string, flags: CanvasFlags): Promise<void> {
  report(flags, 'canvas navigate ok', await invokeCanvas(flags, 'canvas.navigate', { url }));
}

/** `nodes canvas eval`: `--js` wins over the positional script. */
export async function canvasEval(positional: string | undefined, flags: CanvasFlags & { js?: string }): Promise<void> {
  const javaScript = flags.js ?? positional;
  if (javaScript === undefined || javaScript.trim() === '') throw new OpenClawError('CLI_USAGE', 'missing --js or <js>');
  const result = await invokeCanvas<{ result?: unknown }>(flags, 'canvas.eval', { javaScript });
  const text = typeof result.payload?.result === 'string' ? result.payload.result : '';
  report(flags, text === '' ? 'canvas eval ok' : text, result);
}

/** The human line, or with `--json` the gateway's raw result (the port's recommendation in CLI.md 5.7). */
export function report(flags: CanvasFlags, line: string, result: unknown): void {
  if (flags.json) return printJson(result);
  process.stdout.write(`${line}\n`);
}
