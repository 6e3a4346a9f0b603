import { spawn } from 'node:child_process';
import { OpenClawError } from '../errors/openclaw-error.js';
import { sanitizeEnv } from '../exec/env-policy.js';
import { failureText } from './media-libs.js';

/** Bytes of stderr kept for the error message: ffmpeg can print without end on a bad stream. */
const STDERR_TAIL_BYTES = 8 * 1024;

export interface RunFfmpegOptions {
  /** `ffmpeg` (default) or `ffprobe`, or a path to either. */
  readonly program?: string;
  /** The host's environment; the child gets it without the host's credentials and loader variables (`sanitizeEnv`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Kill the child (SIGKILL) after this many milliseconds. */
  readonly timeoutMs: number;
  /** Aborting kills the child and rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
  /** Most stdout bytes kept (a frame on `pipe:1`, ffprobe's JSON); past it the child is killed. Default 0: stdout ignored. */
  readonly maxStdoutBytes?: number;
  /** Exit codes that count as success (`-list_formats` and `-list_devices` exit 1). Default `[0]`. */
  readonly okCodes?: readonly number[];
}

export interface FfmpegRun {
  readonly stdout: Buffer;
  /** The last `STDERR_TAIL_BYTES` of stderr, as text. */
  readonly stderr: string;
}

/**
 * Runs ffmpeg or ffprobe with `args` and no shell, for capture from devices, network cameras
 * and generators, where fluent-ffmpeg cannot set the child's environment: the child gets
 * the host's environment without `OPENCLAW_*` and loader variables, so a token never reaches
 * a process that opens network inputs. stderr is kept to a bounded tail and stdout to
 * `maxStdoutBytes`.
 *
 * Throws `MEDIA_TRANSCODE_FAILED` (details `{missing: true}` when the program is not
 * installed, `{timedOut: true}` past `timeoutMs`, `{stderr}` for a failed run, `{tooLarge:
 * true}` past `maxStdoutBytes`) and `ABORTED` on `signal`.
 *
 * @example
 * const { stdout } = await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], { env: process.env, timeoutMs: 10_000, maxStdoutBytes: 1 << 26 });
 */
export function runFfmpeg(args: readonly string[], options: RunFfmpegOptions): Promise<FfmpegRun> {
  const { program = 'ffmpeg', timeoutMs, signal, maxStdoutBytes = 0, okCodes = [0] } = options;
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(new OpenClawError('ABORTED', `${program} was cancelled before it started`));
    const child = spawn(program, args, { env: sanitizeEnv(options.env), stdio: ['ignore', maxStdoutBytes > 0 ? 'pipe' : 'ignore', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let stopped: OpenClawError | undefined;
    const stop = (err: OpenClawError) => {
      stopped ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(failed(program, `${program} did not finish within ${timeoutMs} ms`, { timedOut: true })), timeoutMs);
    const onAbort = () => stop(new OpenClawError('ABORTED', `${program} was cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) return stop(failed(program, `${program} wrote more than ${maxStdoutBytes} bytes`, { tooLarge: true }));
      chunks.push(chunk);
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_BYTES);
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      stop(err.code === 'ENOENT' ? failed(program, `${program} is not installed (install ffmpeg, e.g. apt-get install ffmpeg)`, { missing: true }) : failed(program, err.message, {}));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stopped !== undefined) fail(stopped);
      else if (code !== null && okCodes.includes(code)) done({ stdout: Buffer.concat(chunks), stderr });
      else fail(failed(program, failureText(new Error(`${program} exited with code ${code}`), lastLines(stderr)), { stderr: lastLines(stderr) }));
    });
  });
}

function failed(program: string, message: string, details: Record<string, unknown>): OpenClawError {
  return new OpenClawError('MEDIA_TRANSCODE_FAILED', message, { details: { program, ...details } });
}

/** The last few stderr lines: with `-loglevel error` they name the cause. */
const lastLines = (stderr: string): string => stderr.split('\n').filter((l) => l.trim() !== '').slice(-4).join('\n');
