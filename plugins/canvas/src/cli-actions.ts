import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { CliNodeFlags as CanvasFlags, PluginCliContext as Cli } from '@openclaw-nodes/core/plugin';

const FORMATS: Record<string, 'png' | 'jpeg'> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg' };

/** `nodes canvas snapshot`: the capture goes to a temp file; prints `MEDIA:<path>` (CLI.md 3). */
export async function canvasSnapshot(cli: Cli, flags: CanvasFlags & { format: string; maxWidth?: string; quality?: string }): Promise<void> {
  const format = FORMATS[flags.format.trim().toLowerCase()];
  if (format === undefined) throw new OpenClawError('CLI_USAGE', `invalid format: ${flags.format} (expected png|jpg|jpeg)`);
  const params: Record<string, unknown> = { format };
  if (flags.maxWidth !== undefined) params.maxWidth = cli.numberFlag('--max-width', flags.maxWidth, { integer: true, min: 1 });
  if (flags.quality !== undefined) params.quality = cli.numberFlag('--quality', flags.quality, { min: 0, max: 1 });
  const { payload } = await cli.invoke<{ format?: unknown; base64?: unknown }>(flags, 'canvas.snapshot', params, { invokeTimeoutMs: 20_000, timeoutMs: 60_000 });
  const got = payload?.format === 'png' || payload?.format === 'jpeg' ? payload.format : undefined;
  if (got === undefined) throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `the node answered canvas.snapshot with format ${JSON.stringify(payload?.format)}; expected png or jpeg`);
  await cli.printMedia(flags, payload, 'openclaw-canvas-snapshot', got === 'jpeg' ? 'jpg' : 'png', { format: got });
}

/** `nodes canvas present`: placement is sent only when a coordinate was given. */
export async function canvasPresent(cli: Cli, flags: CanvasFlags & { target?: string; x?: string; y?: string; width?: string; height?: string }): Promise<void> {
  const placement: Record<string, number> = {};
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    const raw = flags[key];
    if (raw !== undefined) placement[key] = cli.numberFlag(`--${key}`, raw, key === 'width' || key === 'height' ? { min: 1 } : {});
  }
  const params = { ...(flags.target === undefined ? {} : { url: flags.target }), ...(Object.keys(placement).length > 0 ? { placement } : {}) };
  cli.report(flags, 'canvas present ok', await cli.invoke(flags, 'canvas.present', params));
}

export async function canvasHide(cli: Cli, flags: CanvasFlags): Promise<void> {
  cli.report(flags, 'canvas hide ok', await cli.invoke(flags, 'canvas.hide', {}));
}

export async function canvasNavigate(cli: Cli, url: string, flags: CanvasFlags): Promise<void> {
  cli.report(flags, 'canvas navigate ok', await cli.invoke(flags, 'canvas.navigate', { url }));
}

/** `nodes canvas eval`: `--js` wins over the positional script. */
export async function canvasEval(cli: Cli, positional: string | undefined, flags: CanvasFlags & { js?: string }): Promise<void> {
  const javaScript = flags.js ?? positional;
  if (javaScript === undefined || javaScript.trim() === '') throw new OpenClawError('CLI_USAGE', 'missing --js or <js>');
  const result = await cli.invoke<{ result?: unknown }>(flags, 'canvas.eval', { javaScript });
  const text = typeof result.payload?.result === 'string' ? result.payload.result : '';
  cli.report(flags, text === '' ? 'canvas eval ok' : text, result);
}
