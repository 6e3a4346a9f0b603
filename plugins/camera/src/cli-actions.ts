import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { CliNodeFlags, PluginCliContext as Cli } from '@openclaw-nodes/core/plugin';
import { printable } from '@openclaw-nodes/core/printable';
import type { CameraDevice } from './commands.js';

type Facing = 'front' | 'back';
type SnapFlags = CliNodeFlags & { facing?: string; deviceId?: string; maxWidth?: string; quality?: string; delayMs?: string };
type ClipFlags = CliNodeFlags & { facing: string; deviceId?: string; duration: string; audio: boolean };

function facings(raw: string | undefined, deviceId: string | undefined): Facing[] {
  const value = (raw ?? (deviceId === undefined ? 'both' : 'front')).trim().toLowerCase();
  if (value === 'both') {
    if (deviceId !== undefined && raw !== undefined) throw new OpenClawError('CLI_USAGE', '--device-id picks one camera; use --facing front or back with it');
    return ['front', 'back'];
  }
  if (value === 'front' || value === 'back') return [value];
  throw new OpenClawError('CLI_USAGE', `invalid facing: ${raw} (expected front|back|both)`);
}

/** `nodes camera list`: a Name | Position | ID table, or the devices array with `--json`. */
export async function cameraList(cli: Cli, flags: CliNodeFlags): Promise<void> {
  const { payload } = await cli.invoke<{ devices?: CameraDevice[] }>(flags, 'camera.list', {}, { timeoutMs: 60_000 });
  const devices = Array.isArray(payload?.devices) ? payload.devices : [];
  if (flags.json) return cli.report(flags, '', devices);
  if (devices.length === 0) return cli.report(flags, 'No cameras reported.', devices);
  const rows = devices.map((d) => [text(d.name, 'Unknown Camera'), text(d.position, 'unspecified'), text(d.id, '')]);
  const widths = [0, 1].map((i) => Math.max(['Name', 'Position'][i].length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd();
  cli.report(flags, ['Cameras', line(['Name', 'Position', 'ID']), ...rows.map(line)].join('\n'), devices);
}

// A node's strings reach the terminal: keep them to one printable line.
const text = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? printable(value).slice(0, 200) : fallback);

/** `nodes camera snap`: one `camera.snap` per facing (front, then back), one MEDIA line per photo. */
export async function cameraSnap(cli: Cli, flags: SnapFlags): Promise<void> {
  const params: Record<string, unknown> = { format: 'jpg' };
  if (flags.maxWidth !== undefined) params.maxWidth = cli.numberFlag('--max-width', flags.maxWidth, { integer: true, min: 1 });
  if (flags.quality !== undefined) params.quality = cli.numberFlag('--quality', flags.quality, { min: 0, max: 1 });
  if (flags.delayMs !== undefined) params.delayMs = cli.numberFlag('--delay-ms', flags.delayMs, { integer: true, min: 0, max: 10_000 });
  if (flags.deviceId !== undefined) params.deviceId = flags.deviceId;
  const files: Array<Record<string, unknown>> = [];
  for (const facing of facings(flags.facing, flags.deviceId)) {
    const { payload } = await cli.invoke<{ format?: unknown; width?: unknown; height?: unknown }>(flags, 'camera.snap', { facing, ...params }, { invokeTimeoutMs: 20_000, timeoutMs: 60_000 });
    if (payload?.format !== 'jpg' && payload?.format !== 'jpeg') throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `the node answered camera.snap with format ${JSON.stringify(payload?.format)}; expected jpg`);
    const path = await cli.saveMedia(flags, payload, `openclaw-camera-snap-${facing}`, 'jpg');
    files.push({ facing, path, width: payload.width, height: payload.height });
    if (!flags.json) cli.report(flags, (await import('@openclaw-nodes/core/media')).mediaLine(path), undefined);
  }
  if (flags.json) cli.report(flags, '', { files });
}

/** `nodes camera clip`: one clip, `MEDIA:<path>`; a progress line on a terminal while it records. */
export async function cameraClip(cli: Cli, flags: ClipFlags): Promise<void> {
  const facing = facings(flags.facing, flags.deviceId);
  if (facing.length !== 1) throw new OpenClawError('CLI_USAGE', `invalid facing: ${flags.facing} (expected front|back)`);
  const durationMs = cli.durationFlag('--duration', flags.duration);
  const params = { facing: facing[0], durationMs, includeAudio: flags.audio, format: 'mp4', ...(flags.deviceId === undefined ? {} : { deviceId: flags.deviceId }) };
  const { clipDurationMs } = await import('@openclaw-nodes/core/media');
  const shown = clipDurationMs(durationMs, durationMs);
  const { payload } = await cli.invoke<{ format?: unknown; durationMs?: unknown; hasAudio?: unknown }>(flags, 'camera.clip', params, {
    invokeTimeoutMs: 90_000,
    timeoutMs: 90_000,
    progress: { label: 'camera clip', durationMs: shown },
  });
  if (payload?.format !== 'mp4') throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `the node answered camera.clip with format ${JSON.stringify(payload?.format)}; expected mp4`);
  await cli.printMedia(flags, payload, `openclaw-camera-clip-${facing[0]}`, 'mp4', { facing: facing[0], durationMs: payload.durationMs, hasAudio: payload.hasAudio });
}
