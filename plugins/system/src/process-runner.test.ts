import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRUNCATED_PREFIX } from './output-tail.js';
import { runProcess } from './process-runner.js';
import { processGone } from '../../../test/support/process-gone.js';
import { poll } from '../../../test/support/poll.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'openclaw-run-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { PATH: '/usr/local/bin:/usr/bin:/bin' };
const sh = (script: string) => ['/bin/sh', '-c', script];

describe('runProcess', () => {
  it('runs in the given cwd with exactly the given environment', async () => {
    const result = await runProcess({ argv: sh('pwd; echo "$GREETING"; echo "${HOME:-no home}"; echo oops >&2; exit 3'), cwd: dir, env: { ...env, GREETING: 'hi' } });
    expect(result).toEqual({ exitCode: 3, timedOut: false, stdout: `${dir}\nhi\nno home\n`, stderr: 'oops\n', error: null, truncated: false });
  });

  it('kills the whole process group on timeout: the child and the grandchild it started', async () => {
    const pids = join(dir, 'pids');
    // The grandchild would outlive the test's own time limit: only the kill ends this call.
    const result = await runProcess({ argv: sh(`sleep 300 & echo $! > ${pids}; echo $$ >> ${pids}; wait`), env, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeUndefined();
    const [grandchild, child] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    await poll(() => (processGone(grandchild!) && processGone(child!)) || undefined, 'the child and the grandchild gone');
  });

  it('lets a command run when its timeout is past what a timer holds, instead of killing it at once', async () => {
    const result = await runProcess({ argv: sh('sleep 0.3; echo done'), env, timeoutMs: 2 ** 32 });
    expect(result).toMatchObject({ timedOut: false, exitCode: 0, stdout: 'done\n' });
  });

  it('kills the group when the call is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runProcess({ argv: sh('sleep 30'), env, signal: controller.signal });
    expect(result).toMatchObject({ timedOut: false, error: 'command cancelled' });
    expect(result.exitCode).toBeUndefined();
  });

  it('does not wait for a background child that keeps the output pipes open', async () => {
    // The background child outlives the test's own time limit: waiting for it fails the test.
    const pid = join(dir, 'background-pid');
    const result = await runProcess({ argv: sh(`sleep 300 & echo $! > ${pid}; echo done`), env });
    process.kill(Number(readFileSync(pid, 'utf8')), 'SIGKILL');
    expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n' });
  });

  it('keeps the tail of large output within the cap, marked as truncated', async () => {
    const result = await runProcess({ argv: sh('seq 1 100000; echo LAST'), env, maxOutputBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.stdout.startsWith(TRUNCATED_PREFIX)).toBe(true);
    expect(result.stdout.endsWith('99999\n100000\nLAST\n')).toBe(true);
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(1000 + TRUNCATED_PREFIX.length);
  });

  it('shares the cap between stdout and stderr', async () => {
    const result = await runProcess({ argv: sh('seq 1 5000; seq 1 5000 >&2'), env, maxOutputBytes: 1000 });
    expect(Buffer.byteLength(result.stdout) + Buffer.byteLength(result.stderr)).toBeLessThanOrEqual(1000 + 2 * TRUNCATED_PREFIX.length);
    expect(result.stderr.endsWith('5000\n')).toBe(true);
  });

  it('reports a command that cannot start as an error without an exit code', async () => {
    const result = await runProcess({ argv: ['/nonexistent/program'], env });
    expect(result.exitCode).toBeUndefined();
    expect(result.error).toMatch(/ENOENT/);
    const badCwd = await runProcess({ argv: ['/bin/true'], env, cwd: join(dir, 'missing') });
    expect(badCwd.error).toMatch(/ENOENT/);
  });
});
