import { readFile } from 'node:fs/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { CliNodeFlags as CanvasFlags, PluginCliContext as Cli } from '@openclaw-nodes/core/plugin';
import { canvasCodedError, checkA2uiJsonl } from './a2ui.js';

/** The two lines `--text` stands for (COMMANDS.md 3.6). */
export function textToJsonl(text: string): string {
  const surfaceUpdate = {
    surfaceId: 'main',
    components: [
      { id: 'root', component: { Column: { children: { explicitList: ['text'] } } } },
      { id: 'text', component: { Text: { text: { literalString: text }, usageHint: 'body' } } },
    ],
  };
  return `${JSON.stringify({ surfaceUpdate })}\n${JSON.stringify({ beginRendering: { surfaceId: 'main', root: 'root' } })}`;
}

/**
 * Checks JSONL here before anything is sent (CLI.md 5.7) and returns how many messages it
 * holds. v0.9 input is refused outright; other problems are listed one per line.
 */
export function checkJsonlLocally(jsonl: string): number {
  const check = checkA2uiJsonl(jsonl);
  const total = check.messages.length + check.problems.length;
  if (total === 0) throw canvasCodedError('A2UI_INVALID_MESSAGE', 'Invalid A2UI JSONL:\n- no JSONL messages found');
  if (check.v09.length > 0) {
    throw canvasCodedError(
      'A2UI_UNSUPPORTED_VERSION',
      check.v09.length < total ? 'Invalid A2UI JSONL:\n- mixed A2UI v0.8 and v0.9 messages in one file' : 'Detected A2UI v0.9 JSONL (createSurface). OpenClaw currently supports v0.8 only.',
    );
  }
  if (check.problems.length > 0) {
    throw canvasCodedError('A2UI_INVALID_MESSAGE', `Invalid A2UI JSONL:\n${check.problems.map((p) => `- line ${p.index}: ${p.message}`).join('\n')}`);
  }
  return total;
}

/** `nodes canvas a2ui push (--jsonl <path> | --text <text>)`. */
export async function canvasA2uiPush(cli: Cli, flags: CanvasFlags & { jsonl?: string; text?: string }): Promise<void> {
  if ((flags.jsonl === undefined) === (flags.text === undefined)) throw new OpenClawError('CLI_USAGE', 'provide exactly one of --jsonl or --text');
  let jsonl: string;
  if (flags.text !== undefined) jsonl = textToJsonl(flags.text);
  else {
    try {
      jsonl = await readFile(flags.jsonl!, 'utf8');
    } catch (err) {
      throw new OpenClawError('CLI_USAGE', `cannot read --jsonl ${flags.jsonl}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
  }
  const count = checkJsonlLocally(jsonl);
  const result = await cli.invoke<{ ok?: boolean; error?: string }>(flags, 'canvas.a2ui.pushJSONL', { jsonl });
  rendererOk(result.payload);
  cli.report(flags, `canvas a2ui push ok (v0.8, ${count} message${count === 1 ? '' : 's'})`, result);
}

export async function canvasA2uiReset(cli: Cli, flags: CanvasFlags): Promise<void> {
  const result = await cli.invoke<{ ok?: boolean; error?: string }>(flags, 'canvas.a2ui.reset', {});
  rendererOk(result.payload);
  cli.report(flags, 'canvas a2ui reset ok', result);
}

/** A renderer failure arrives as an ok invoke with `payload.ok: false` (COMMANDS.md 3.6). */
function rendererOk(payload: { ok?: boolean; error?: string } | null): void {
  if (payload?.ok === false) throw canvasCodedError('A2UI_HOST_UNAVAILABLE', `the canvas renderer failed: ${payload.error ?? 'unknown error'}`);
}
