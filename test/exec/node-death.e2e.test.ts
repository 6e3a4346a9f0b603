import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processGone } from '../support/process-gone.js';
import { poll } from '../support/poll.js';
import { startExecFixture } from './exec-fixture.js';

const NODE = 'Mortal Node';
let fx: Awaited<ReturnType<typeof startExecFixture>>;

beforeAll(async () => {
  fx = await startExecFixture(NODE);
  await fx.setApprovals(['--node', NODE], { version: 1, defaults: { security: 'full', ask: 'off' }, agents: {} });
  // The CLI's own defaults (allowlist, on-miss) would ask an operator before each run.
  await fx.config('set', 'tools.exec.security', 'full');
  await fx.config('set', 'tools.exec.ask', 'off');
}, 60_000);
afterAll(() => fx?.stop());

/** Starts a long command through `nodes run` and resolves with the pid it wrote, once it runs. */
async function startLongCommand(script: (pidFile: string) => string) {
  const pidFile = join(fx.nodeDir, `pid-${Math.random().toString(36).slice(2)}`);
  const ended = fx.run('nodes', 'run', '--node', NODE, '--raw', script(pidFile), '--invoke-timeout', '600000');
  const pid = await poll(async () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined), 'the command writing its pid');
  return { pid, ended };
}

const running = () => JSON.parse(readFileSync(join(fx.nodeDir, 'exec-running.json'), 'utf8')) as { groups: Array<{ pgid: number }> };

/** The reap guardians watching this test's node state dir. */
function guardians(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes('read _') && cmdline.includes(fx.nodeDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function killNodeHost(node: { child: ChildProcess }) {
  node.child.kill('SIGKILL');
  await poll(async () => (node.child.signalCode !== null || node.child.exitCode !== null ? true : undefined), 'the node host dying');
}

describe('a node host killed with SIGKILL leaves no command running', () => {
  it('its running command dies with it (parent-death signal)', async () => {
    const { pid, ended } = await startLongCommand((file) => `echo $$ > ${file}; exec sleep 300`);
    expect(processGone(pid)).toBe(false);
    await killNodeHost(fx.node);
    await poll(async () => (processGone(pid) ? true : undefined), `command ${pid} ending after the node host died`);
    expect((await ended).code).not.toBe(0);
  });

  it('what that command started dies with it too (the reap guardian)', async () => {
    const node = await fx.startNode();
    const { pid: grandchild, ended } = await startLongCommand((file) => `sleep 300 & echo $! > ${file}; wait`);
    await poll(async () => (running().groups.length === 1 ? true : undefined), 'the command’s group recorded');
    await killNodeHost(node);
    await ended;
    await poll(async () => (processGone(grandchild) ? true : undefined), `grandchild ${grandchild} ending after the node host died`);
  });

  it('what survives host and guardian both is killed when the node host starts again', async () => {
    let node = await fx.startNode();
    const { pid: grandchild, ended } = await startLongCommand((file) => `sleep 300 & echo $! > ${file}; wait`);
    const recorded = await poll(async () => (running().groups.length === 1 ? running() : undefined), 'the command’s group recorded');
    const watching = guardians();
    expect(watching).toHaveLength(1);
    // Readable by any process of this user, so it must hold none of the host's credentials.
    expect(readFileSync(`/proc/${watching[0]}/environ`, 'utf8')).not.toContain('OPENCLAW_');
    for (const pid of watching) process.kill(pid, 'SIGKILL');
    await killNodeHost(node);
    await ended;
    // Only the direct child gets the parent-death signal; with no guardian the grandchild stays.
    await poll(async () => (processGone(recorded.groups[0].pgid) ? true : undefined), 'the shell ending');
    expect(processGone(grandchild)).toBe(false);
    node = await fx.startNode();
    await poll(async () => (processGone(grandchild) ? true : undefined), `left-over ${grandchild} reaped at start`);
    expect(running().groups).toEqual([]);
  });
});
