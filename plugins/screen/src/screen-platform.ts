
/** One display a node can capture, in the order `screenIndex` counts them. */
export interface ScreenDisplay {
  readonly index: number;
  /** What the platform calls it: a RandR monitor (`DP-1`), `Capture screen 0`, `\\.\DISPLAY1`. */
  readonly name: string;
  /** Where the grabber finds it: `:99.0` (X display.screen), an avfoundation index, `desktop`. */
  readonly source: string;
  /** Position and size in the grabber's pixels; 0x0 when the grabber takes the whole device. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Sound for a recording: ffmpeg input arguments, or why there is none. */
export type AudioInput = { readonly args: readonly string[] } | { readonly unavailable: string };

/** Runs a helper program (ffmpeg, xrandr, powershell) with the node's clean environment. */
/** What a helper run answers: the head of its stdout and the tail of its stderr, as text. */
export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
}

export type ToolRunner = (program: string, args: readonly string[], options?: { timeoutMs?: number; signal?: AbortSignal }) => Promise<ToolRun>;

/**
 * One platform's way to grab a screen with ffmpeg: which displays exist and the input
 * arguments that capture one. Chosen once at registration (`selectScreenPlatform`); handlers
 * never look at `process.platform`.
 */
export interface ScreenPlatform {
  readonly name: 'x11' | 'macos' | 'windows' | 'wayland' | 'none';
  /**
   * The displays in `screenIndex` order. Throws `SCREEN_UNAVAILABLE` (no grabber, nothing to
   * grab) or `SCREEN_PERMISSION_REQUIRED` (the platform refuses us).
   */
  displays(signal?: AbortSignal): Promise<ScreenDisplay[]>;
  /** ffmpeg input arguments that grab `display` at `fps` frames per second. */
  videoInput(display: ScreenDisplay, fps: number): string[];
  /** The sound input, or why there is none. Throws `MIC_PERMISSION_REQUIRED` when the sound server refuses us. */
  audioInput(signal?: AbortSignal): Promise<AudioInput>;
}

const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin'];
/**
 * Options for every live input. A live source stalls the other when its queue fills while
 * ffmpeg waits on that one; and ffmpeg's stream probing would read frames in real time (about
 * 3.5 s at 5 fps) before recording starts, though a grabber states its format up front.
 */
export const LIVE_INPUT = ['-thread_queue_size', '512', '-probesize', '32'];

/**
 * The ffmpeg arguments of a recording: the video input (and sound, when given) for
 * `durationMs`, as H.264 (+ AAC) MP4 with even dimensions, at a constant `fps`, `faststart`;
 * with `maxBytes`, ffmpeg stops writing at that size (`-fs`) and the clip ends there.
 *
 * @example
 * recordArgs(['-f', 'x11grab', '-i', ':99.0+0,0'], undefined, { durationMs: 3000, fps: 10, output: '/tmp/r.mp4' });
 */
export function recordArgs(video: readonly string[], audio: readonly string[] | undefined, { durationMs, fps, output, maxBytes }: { durationMs: number; fps: number; output: string; maxBytes?: number }): string[] {
  return [
    ...QUIET,
    ...video,
    ...(audio ?? []),
    '-t', (durationMs / 1000).toFixed(3),
    '-map', '0:v:0',
    ...(audio === undefined ? ['-an'] : ['-map', '1:a:0', '-c:a', 'aac', '-b:a', '128k']),
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    // yuv420p needs even sizes; a 1366 x 767 display loses a row rather than failing.
    '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2',
    '-r', String(fps),
    ...(maxBytes === undefined ? [] : ['-fs', String(maxBytes)]),
    '-map_metadata', '-1', '-movflags', '+faststart', '-f', 'mp4', '-y', `file:${output}`,
  ];
}

/** The ffmpeg arguments of a snapshot: one frame of the video input as PNG. */
export function snapshotArgs(video: readonly string[], output: string): string[] {
  return [...QUIET, ...video, '-frames:v', '1', '-c:v', 'png', '-f', 'image2', '-update', '1', '-y', `file:${output}`];
}
