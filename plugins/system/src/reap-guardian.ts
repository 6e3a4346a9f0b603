import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the guardian runs once its host is gone: `node reap-leftovers.js <state dir>`. */
const REAPER = fileURLToPath(new URL('./reap-leftovers.js', import.meta.url));

/**
 * A watcher that kills this host's commands — grandchildren included — the moment the host
 * dies, however it dies. It is a `/bin/sh` blocked reading a pipe only the host writes to
 * (and never does): when the host exits the kernel closes the pipe, `read` returns, and
 * the shell becomes `node reap-leftovers.js`, which SIGKILLs the process groups recorded
 * in the state dir that are still ours. The parent-death signal reaches a command's first
 * process only; this reaches the whole group. It runs in its own process group so a
 * terminal's Ctrl-C does not take it down first. Linux only, like the record it reads.
 *
 * @example
 * const guardian = new ReapGuardian();
 * guardian.start(stateDir); // at host start
 * guardian.stop();          // at a clean stop
 */
export class ReapGuardian {
  private child: ChildProcess | undefined;

  start(stateDir: string): void {
    if (process.platform !== 'linux' || this.child !== undefined) return;
    const child = spawn('/bin/sh', ['-c', 'read _; exec "$@"', 'sh', process.execPath, REAPER, stateDir], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // It outlives no secret of ours: other processes of this user can read its environment.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    child.once('error', () => undefined);
    child.stdin!.on('error', () => undefined);
    // Neither the watcher nor its pipe may keep this process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    this.child = child;
  }

  /** A clean stop has already killed its commands: the guardian just goes. */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child?.stdin?.destroy();
    this.child = undefined;
  }
}
