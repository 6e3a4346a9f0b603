import { OpenClawError } from '@openclaw-nodes/core/errors';
import { clipDurationMs } from '@openclaw-nodes/core/media';
import type { CliNodeFlags, PluginCliContext as Cli } from '@openclaw-nodes/core/plugin';
import { MAX_SCREEN_INDEX } from './commands.js';

/** How long the CLI lets the node take past the recording itself (start-up, encoding, transfer). */
const RECORD_SLACK_MS = 60_000;
const FORMATS: Record<string, 'png' | 'jpeg'> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg' };

type RecordFlags = CliNodeFlags & { screen: string; duration: string; fps: string; audio: boolean; out?: string };
type SnapshotFlags = CliNodeFlags & { screen: string; format: string; maxWidth?: string; quality?: string; out?: string };

/** A flag that must be above zero (the node rounds and clamps it; 0 or less means nothing). */
function positive(value: number, name: string, raw: string): number {
  if (value <= 0) throw new OpenClawError('CLI_USAGE', `${name} must be a number > 0, got ${JSON.stringify(raw)}`);
  return value;
}

/**
 * `nodes screen record`: sends `screen.record {durationMs, screenIndex, fps, format: mp4,
 * includeAudio}` (CLI.md 5.9) and writes the MP4 to a temp file or `--out`; prints
 * `MEDIA:<path>`, or `{"file":{path, durationMs, fps, screenIndex, hasAudio}}` with `--json`.
 */
export async function screenRecord(cli: Cli, flags: RecordFlags): Promise<void> {
  const durationMs = cli.durationFlag('--duration', flags.duration);
  const params = {
    durationMs,
    screenIndex: cli.numberFlag('--screen', flags.screen, { integer: true, min: 0, max: MAX_SCREEN_INDEX }),
    fps: positive(cli.numberFlag('--fps', flags.fps), '--fps', flags.fps),
    format: 'mp4',
    includeAudio: flags.audio,
  };
  // The node clamps to 60 s; waiting for what it will really record keeps the timeouts honest.
  const recordMs = clipDurationMs(durationMs, durationMs);
  const { payload } = await cli.invoke<Record<string, unknown>>(flags, 'screen.record', params, {
    invokeTimeoutMs: Math.max(120_000, recordMs + RECORD_SLACK_MS),
    timeoutMs: 180_000,
    progress: { label: 'screen record', durationMs: recordMs },
  });
  if (payload?.format !== 'mp4') throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `the node answered screen.record with format ${JSON.stringify(payload?.format)}; expected mp4`);
  const { durationMs: got, fps, screenIndex, hasAudio } = payload;
  await cli.printMedia(flags, payload, 'openclaw-screen-record', 'mp4', { durationMs: got, fps, screenIndex, hasAudio }, { out: flags.out });
}

/** `nodes screen snapshot`: `screen.snapshot {screenIndex, format, maxWidth?, quality?}`; prints `MEDIA:<path>`. */
export async function screenSnapshot(cli: Cli, flags: SnapshotFlags): Promise<void> {
  const format = FORMATS[flags.format.trim().toLowerCase()];
  if (format === undefined) throw new OpenClawError('CLI_USAGE', `invalid format: ${flags.format} (expected png|jpg|jpeg)`);
  const params: Record<string, unknown> = { screenIndex: cli.numberFlag('--screen', flags.screen, { integer: true, min: 0, max: MAX_SCREEN_INDEX }), format };
  if (flags.maxWidth !== undefined) params.maxWidth = cli.numberFlag('--max-width', flags.maxWidth, { integer: true, min: 1 });
  if (flags.quality !== undefined) params.quality = cli.numberFlag('--quality', flags.quality, { min: 0, max: 1 });
  const { payload } = await cli.invoke<Record<string, unknown>>(flags, 'screen.snapshot', params, { invokeTimeoutMs: 20_000, timeoutMs: 60_000 });
  const got = payload?.format === 'png' || payload?.format === 'jpeg' ? payload.format : undefined;
  if (got === undefined) throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `the node answered screen.snapshot with format ${JSON.stringify(payload?.format)}; expected png or jpeg`);
  const { width, height, screenIndex } = payload;
  await cli.printMedia(flags, payload, 'openclaw-screen-snapshot', got === 'jpeg' ? 'jpg' : 'png', { format: got, width, height, screenIndex }, { out: flags.out });
}
