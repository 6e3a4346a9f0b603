import { spawn, spawnSync } from 'node:child_process';

export interface Xvfb {
  /** The X display name, e.g. `:3`, to pass as `DISPLAY`. */
  readonly display: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a real X server in memory on a free display number (Xvfb picks it and reports it
 * through `-displayfd` once it accepts clients). Throws when Xvfb is not installed: canvas
 * tests must fail on a machine without it, never pass by skipping.
 */
export async function startXvfb(screen = '1280x800x24', extraArgs: readonly string[] = []): Promise<Xvfb> {
  if (spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error !== undefined) {
    throw new Error('Xvfb is not installed (apt-get install xvfb); the canvas tests need a real X display');
  }
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', screen, ...extraArgs, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s: ${stderr}`)), 10_000);
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited ${code}: ${stderr}`));
    });
  });
  return {
    display: `:${number}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
