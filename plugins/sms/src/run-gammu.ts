import { spawn } from 'node:child_process';

/** Most output kept from one gammu run (its tail); a chatty or hostile device cannot fill memory. */
const MAX_OUTPUT = 16_384;

export interface GammuRun {
  /** Exit code, or null when killed (timeout, cancel). */
  readonly code: number | null;
  /** The tail of stdout and stderr together, at most 16 KiB. */
  readonly output: string;
  readonly timedOut: boolean;
}

/**
 * Runs gammu once with `args` (no shell) in a clean environment: no variable of the node host
 * reaches it, and `HOME` points at an empty place so only the `-c` file configures it. Killed
 * after `timeoutMs`, or when `signal` fires. `stdin`, when given, is written to its standard
 * input (UTF-8) and closed: a message text goes there, never on the command line, where any
 * local user could read it in /proc/<pid>/cmdline.
 *
 * @example
 * await runGammu('gammu', ['-c', '/etc/gammurc', 'identify'], 10_000); // { code: 0, output: 'Device : /dev/ttyUSB2 …', timedOut: false }
 */
export function runGammu(program: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal, stdin?: string): Promise<GammuRun> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(program, args, {
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent', LANG: 'C.UTF-8' },
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      signal,
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
    };
    // gammu may exit before reading it all (a bad number): a closed pipe is no failure of ours.
    child.stdin?.on('error', () => {});
    child.stdin?.end(stdin, 'utf8');
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const timer = setTimeout(() => (timedOut = true), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      // ENOENT (no gammu), or the AbortError of a cancelled call.
      resolve({ code: null, output: `${output}\n${err.message}`.trim(), timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

/** The line of gammu's output that says what went wrong (`Error …`, else the last non-empty line). */
export function gammuReason(run: GammuRun, timeoutMs: number): string {
  if (run.timedOut) return `gammu did not finish within ${timeoutMs} ms`;
  const lines = run.output
    .split('\n')
    .map((l) => l.replace(/[\x00-\x1f\x7f]/g, '').trim())
    .filter((l) => l !== '' && !l.startsWith('If you want break'));
  const reason = lines.find((l) => /error|fail|not |cannot|can't|timeout/i.test(l)) ?? lines.at(-1) ?? `gammu exited with code ${run.code}`;
  return reason.slice(0, 300);
}
