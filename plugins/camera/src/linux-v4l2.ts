import { constants } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '@openclaw-nodes/core/media';
import type { CameraPlatform, PlatformCamera, PlatformContext } from './camera-platform.js';

/** More video nodes than this is not a real machine's camera set; stop there. */
const MAX_DEVICES = 32;
const LIST_FORMATS_TIMEOUT_MS = 5_000;

export interface V4l2Paths {
  /** `/sys/class/video4linux`: one directory per video node, with `name` and `index`. */
  readonly sysfs?: string;
  /** `/dev`, where the nodes are opened. */
  readonly dev?: string;
  /** `$XDG_RUNTIME_DIR/pulse/native` is looked for to offer PulseAudio/PipeWire's default source. */
  readonly pulseSocket?: (env: PlatformContext['env']) => string | undefined;
}

/**
 * Linux: cameras are the V4L2 capture nodes in sysfs (`index` 0; the other nodes a camera
 * exposes carry metadata), named from sysfs, with the capture formats ffmpeg lists; no ioctl
 * or native addon. The default microphone is PulseAudio's (PipeWire answers it too) when its
 * socket exists.
 */
export function linuxV4l2({ sysfs = '/sys/class/video4linux', dev = '/dev', pulseSocket = defaultPulseSocket }: V4l2Paths = {}): CameraPlatform {
  /** The camera behind one sysfs video node, or undefined for a metadata node. */
  async function capture(node: string, ctx: PlatformContext): Promise<PlatformCamera | undefined> {
    const index = (await readFile(join(sysfs, node, 'index'), 'utf8').catch(() => '0')).trim();
    if (index !== '0') return undefined;
    const name = (await readFile(join(sysfs, node, 'name'), 'utf8').catch(() => '')).trim().slice(0, 200) || node;
    const id = join(dev, node);
    return { id, name, position: 'unspecified', deviceType: 'v4l2', ...(ctx.formats ? { formats: await captureFormats(id, ctx) } : {}) };
  }

  return {
    demuxer: 'v4l2',
    async listCameras(ctx) {
      const nodes = (await readdir(sysfs).catch(() => [] as string[])).filter((n) => /^video\d+$/.test(n)).sort(byNumber).slice(0, MAX_DEVICES);
      // In parallel: each formats listing opens its device and may take up to its timeout.
      const found = await Promise.all(nodes.map((node) => capture(node, ctx)));
      return found.filter((camera): camera is PlatformCamera => camera !== undefined);
    },
    videoInput: (camera) => ({ input: camera.id, format: 'v4l2' }),
    async defaultAudio(ctx) {
      const socket = pulseSocket(ctx.env);
      if (socket === undefined) return undefined;
      return access(socket).then(
        () => ({ input: 'default', format: 'pulse' }),
        () => undefined,
      );
    },
    accessProblem: (camera) =>
      access(camera.id, constants.R_OK | constants.W_OK).then(
        () => undefined,
        (err: NodeJS.ErrnoException) => (err.code === 'EACCES' || err.code === 'EPERM' ? `${camera.id} is not readable by this user (add it to the video group)` : undefined),
      ),
  };
}

const byNumber = (a: string, b: string) => Number(a.slice(5)) - Number(b.slice(5));


function defaultPulseSocket(env: PlatformContext['env']): string | undefined {
  if (env.PULSE_SERVER) return undefined;
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'pulse', 'native') : undefined;
}

/** `ffmpeg -f v4l2 -list_formats all -i /dev/videoN` (it exits 1 after listing); empty when it cannot tell. */
async function captureFormats(device: string, ctx: PlatformContext): Promise<string[]> {
  try {
    const args = ['-hide_banner', '-nostdin', '-f', 'v4l2', '-list_formats', 'all', '-i', device];
    const { stderr } = await runFfmpeg(args, { env: ctx.env, signal: ctx.signal, timeoutMs: LIST_FORMATS_TIMEOUT_MS, okCodes: [0, 1] });
    return parseV4l2Formats(stderr);
  } catch {
    return [];
  }
}

/**
 * The capture formats in ffmpeg's `-list_formats all` output, as `<format> <sizes>`:
 * `[video4linux2,v4l2 @ 0x…] Compressed:       mjpeg :          Motion-JPEG : 1280x720 640x480`
 * becomes `mjpeg 1280x720 640x480`.
 */
export function parseV4l2Formats(stderr: string): string[] {
  const formats: string[] = [];
  for (const line of stderr.split('\n')) {
    // Fields are joined by " : "; a description can hold bare colons ("YUYV 4:2:2").
    const m = /\] (?:Raw|Compressed)\s*:(.*)$/.exec(line);
    const fields = m?.[1].split(/\s:\s?/).map((f) => f.trim());
    if (fields !== undefined && fields.length >= 3) formats.push(`${fields[0]} ${fields.at(-1)!.split(/\s+/).slice(0, 16).join(' ')}`.trim());
  }
  return formats.slice(0, 32);
}
