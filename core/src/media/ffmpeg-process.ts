import { spawn } from 'node:child_process';
import { OpenClawError } from '../errors/openclaw-error.js';

/** Output kept from a run: the tail of stderr (the cause comes last) and the head of stdout. */
const STDERR_BYTES = 8 * 1024;
const STDOUT_BYTES = 64 * 1024;

export interface FfmpegRunOptions {
  /** The child's whole environment (a capture needs the display's, never the host's secrets). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Kill ffmpeg (SIGKILL) after this many milliseconds. */
  readonly timeoutMs: number;
  /** Aborting kills ffmpeg and rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
  /** The program to run; default `ffmpeg` from the child's `PATH`. */
  readonly program?: string;
  /** An argv prefix that execs the program, e.g. `parentDeathLauncher()` so it dies with this process. */
  readonly launcher?: readonly string[];
}

export interface FfmpegRun {
  /** The first 64 KiB of stdout (device lists, `-f null` reports). */
  readonly stdout: string;
  /** The last 8 KiB of stderr. */
  readonly stderr: string;
}

/**
 * Runs ffmpeg (or ffprobe) with `args` and an explicit environment, stdin closed, and memory
 * bounded whatever it prints. For live captures (x11grab, pulse, avfoundation), which need an
 * environment fluent-ffmpeg cannot give a child. Resolves when it exits 0.
 *
 * Throws `MEDIA_TRANSCODE_FAILED` (not installed, non-zero exit with its last stderr line,
 * past `timeoutMs`; `details.stderr` holds the tail) or `ABORTED` (`signal`). Either way
 * the process is gone when the promise settles.
 *
 * @example
 * await runFfmpeg(['-f', 'x11grab', '-i', ':99.0', '-t', '3', 'file:/tmp/out.mp4'], { env: { PATH: '/usr/bin' }, timeoutMs: 20_000 });
 */
export function runFfmpeg(args: readonly string[], options: FfmpegRunOptions): Promise<FfmpegRun> {
  const program = options.program ?? 'ffmpeg';
  return new Promise((done, fail) => {
    let stderr = Buffer.alloc(0);
    let stdout = Buffer.alloc(0);
    let stopped: OpenClawError | undefined;
    const argv = [...(options.launcher ?? []), program, ...args];
    // Its own process group, so a kill also reaches anything it started (a wrapper script's children).
    const child = spawn(argv[0], argv.slice(1), { env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: process.platform !== 'win32' });
    const stop = (err: OpenClawError) => {
      stopped ??= err;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => stop(new OpenClawError('MEDIA_TRANSCODE_FAILED', `${program} did not finish within ${options.timeoutMs} ms`)), options.timeoutMs);
    const onAbort = () => stop(new OpenClawError('ABORTED', `the ${program} run was cancelled`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < STDOUT_BYTES) stdout = Buffer.concat([stdout, chunk]).subarray(0, STDOUT_BYTES);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_BYTES) stderr = stderr.subarray(stderr.length - STDERR_BYTES);
    });
    let spawnError: Error | undefined;
    child.once('error', (err) => (spawnError = err));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const tail = stderr.toString('utf8');
      if (stopped !== undefined) return fail(stopped);
      // A launcher that cannot exec the program exits 127 (util-linux setpriv, env, ...).
      if (options.launcher?.length && code === 127) spawnError = Object.assign(new Error(tail.trim() || `${program} not found`), { code: 'ENOENT' });
      if (spawnError !== undefined) {
        const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
        const text = missing ? `${program} is not installed or not on PATH (install ffmpeg, e.g. apt-get install ffmpeg)` : `${program} could not be started: ${spawnError.message}`;
        return fail(new OpenClawError('MEDIA_TRANSCODE_FAILED', text, { cause: spawnError, details: { missing } }));
      }
      if (code === 0) return done({ stdout: stdout.toString('utf8'), stderr: tail });
      const last = tail.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? `killed by ${signal}`;
      fail(new OpenClawError('MEDIA_TRANSCODE_FAILED', `${program} exited with ${code ?? signal}: ${last.slice(0, 500)}`, { details: { exitCode: code, stderr: tail } }));
    });
  });
}
