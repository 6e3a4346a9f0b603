import { spawn } from 'node:child_process';
import { OpenClawError } from '../errors/openclaw-error.js';
import { sanitizeEnv } from '../exec/env-policy.js';
import { failureText } from './media-libs.js';
import { redactCredentials } from './redact-credentials.js';

/** Bytes of stderr kept for the error message: ffmpeg can print without end on a bad stream. */
const STDERR_TAIL_BYTES = 8 * 1024;

export interface RunFfmpegOptions {
  /** `ffmpeg` (default) or `ffprobe`, or a path to either (or to a helper such as `xrandr`). */
  readonly program?: string;
  /** The host's environment; the child gets it without the host's credentials and loader variables (`sanitizeEnv`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Kill the child and its process group (SIGKILL) after this many milliseconds. */
  readonly timeoutMs: number;
  /** Aborting kills the child and rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
  /** Most stdout bytes kept (a frame on `pipe:1`, ffprobe's JSON, a listing). Default 0: stdout ignored. */
  readonly maxStdoutBytes?: number;
  /** Past `maxStdoutBytes`: `kill` the child and fail (default), or `truncate` (keep the head, let it finish). */
  readonly stdoutOverflow?: 'kill' | 'truncate';
  /** Exit codes that count as success (`-list_formats` and `-list_devices` exit 1). Default `[0]`. */
  readonly okCodes?: readonly number[];
  /** An argv prefix that execs the program, e.g. `parentDeathLauncher()` so it dies with this process. */
  readonly launcher?: readonly string[];
}

export interface FfmpegRun {
  readonly stdout: Buffer;
  /** The last `STDERR_TAIL_BYTES` of stderr, as text, credentials of URLs in it masked. */
  readonly stderr: string;
}

/**
 * Runs ffmpeg or ffprobe (or a capture helper) with `args` and no shell, for capture from
 * devices, displays, network cameras and generators, where fluent-ffmpeg cannot set the
 * child's environment: the child gets the given environment without `OPENCLAW_*` and loader
 * variables, so a token never reaches a process that opens network inputs. It runs in its own
 * process group, so a kill reaches whatever it started. stderr is kept to a bounded tail and
 * stdout to `maxStdoutBytes`. Credentials of URLs ffmpeg quotes on stderr are masked.
 *
 * Throws `MEDIA_TRANSCODE_FAILED` (details `{missing: true}` when the program is not
 * installed, `{timedOut: true}` past `timeoutMs`, `{stderr, exitCode}` for a failed run,
 * `{tooLarge: true}` past `maxStdoutBytes`) and `ABORTED` on `signal`. Either way the process
 * is gone when the promise settles.
 *
 * @example
 * const { stdout } = await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], { env: process.env, timeoutMs: 10_000, maxStdoutBytes: 1 << 26 });
 */
export function runFfmpeg(args: readonly string[], options: RunFfmpegOptions): Promise<FfmpegRun> {
  const { program = 'ffmpeg', timeoutMs, signal, maxStdoutBytes = 0, okCodes = [0], launcher = [] } = options;
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(new OpenClawError('ABORTED', `${program} was cancelled before it started`));
    const argv = [...launcher, program, ...args];
    const child = spawn(argv[0], argv.slice(1), {
      env: sanitizeEnv(options.env),
      stdio: ['ignore', maxStdoutBytes > 0 ? 'pipe' : 'ignore', 'pipe'],
      windowsHide: true,
      detached: process.platform !== 'win32',
    });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let stopped: OpenClawError | undefined;
    let spawnError: NodeJS.ErrnoException | undefined;
    const stop = (err: OpenClawError) => {
      stopped ??= err;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => stop(failed(program, `${program} did not finish within ${timeoutMs} ms`, { timedOut: true })), timeoutMs);
    const onAbort = () => stop(new OpenClawError('ABORTED', `${program} was cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      const room = maxStdoutBytes - stdoutBytes;
      stdoutBytes += chunk.length;
      if (room >= chunk.length) return void chunks.push(chunk);
      if (options.stdoutOverflow === 'truncate') return void (room > 0 && chunks.push(chunk.subarray(0, room)));
      stop(failed(program, `${program} wrote more than ${maxStdoutBytes} bytes`, { tooLarge: true }));
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_BYTES);
    });
    child.once('error', (err: NodeJS.ErrnoException) => (spawnError = err));
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stopped !== undefined) return fail(stopped);
      // A launcher that cannot exec the program exits 127 (util-linux setpriv, env, ...).
      if (launcher.length > 0 && code === 127) spawnError = Object.assign(new Error(stderr.trim() || `${program} not found`), { code: 'ENOENT' });
      if (spawnError !== undefined) {
        const missing = spawnError.code === 'ENOENT';
        const text = missing ? `${program} is not installed or not on PATH (install ffmpeg, e.g. apt-get install ffmpeg)` : `${program} could not be started: ${spawnError.message}`;
        return fail(failed(program, text, { missing }));
      }
      // An input URL's password, as ffmpeg quotes it, must not reach a caller or a log.
      const said = redactCredentials(stderr);
      if (code !== null && okCodes.includes(code)) return done({ stdout: Buffer.concat(chunks), stderr: said });
      fail(failed(program, failureText(new Error(`${program} exited with code ${code ?? 'none (killed)'}`), lastLines(said)), { stderr: lastLines(said), exitCode: code }));
    });
  });
}

function failed(program: string, message: string, details: Record<string, unknown>): OpenClawError {
  return new OpenClawError('MEDIA_TRANSCODE_FAILED', message, { details: { program, ...details } });
}

/** The last few stderr lines: with `-loglevel error` they name the cause. */
const lastLines = (stderr: string): string => stderr.split('\n').filter((l) => l.trim() !== '').slice(-4).join('\n');
