import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { startExecFixture, startFullExecGateway, TOKEN } from './exec-fixture.js';

const HOSTNAME = realpathSync(execFileSync('/bin/sh', ['-c', 'command -v hostname'], { encoding: 'utf8' }).trim());
// A program only the node host's own PATH holds (a login profile would reset PATH without it).
const tools = tempDir('oc-exec-node-tools-');
const TOOL_DIR = join(tools.path, 'node-only-bin');
mkdirSync(TOOL_DIR);
writeFileSync(join(TOOL_DIR, 'mytool'), '#!/bin/sh\necho "mytool ran"\n');
chmodSync(join(TOOL_DIR, 'mytool'), 0o755);

let fx: Awaited<ReturnType<typeof startExecFixture>>;
const NODE = 'Env Node';

beforeAll(async () => {
  fx = await startExecFixture(NODE, { nodeEnv: { PATH: `${TOOL_DIR}:${process.env.PATH}` } });
  // The node's own policy decides whether anyone is asked; nobody answers here, so a prompt ends after a second.
  await fx.config('set', 'tools.exec.ask', 'off');
  await fx.config('set', 'tools.exec.approvalTimeoutMs', '1000');
}, 60_000);
afterAll(async () => {
  await fx?.stop();
  tools.cleanup();
});

const nodePolicy = (defaults: Record<string, unknown>, allowlist: string[] = []) =>
  fx.setApprovals(['--node', NODE], { version: 1, defaults, agents: allowlist.length ? { '*': { allowlist: allowlist.map((pattern) => ({ pattern })) } } : {} });
/** `nodes run` as an operator.write caller: everything it printed, and its exit code. */
const nodesRun = async (...args: string[]) => {
  const { code, stdout, stderr } = await fx.run('nodes', 'run', '--node', NODE, ...args);
  return { code, output: stdout + stderr };
};

const ENV_READERS: string[][] = [
  ['--', 'jq', '-n', 'env.OPENCLAW_GATEWAY_TOKEN'],
  ['--', 'jq', '-n', '$ENV'],
  ['--', 'env'],
  ['--', 'printenv', 'OPENCLAW_GATEWAY_TOKEN'],
  ['--', 'sh', '-c', 'echo $OPENCLAW_GATEWAY_TOKEN'],
  ['--raw', 'echo "token=$OPENCLAW_GATEWAY_TOKEN"; env | grep OPENCLAW'],
  ['--env', 'BASH_ENV=/proc/self/environ', '--raw', 'bash -c true'],
  ['--raw', 'cat /proc/$PPID/environ'],
];

describe('the node host never hands its gateway token to a command', () => {
  it.each(ENV_READERS.map((args) => [args.join(' '), args] as const))('under the default node policy: %s', async (_what, args) => {
    const run = await nodesRun(...args);
    expect(run.output).not.toContain(TOKEN);
  });

  it('refuses jq, which is no longer a default safe bin', async () => {
    // Not covered: the node's on-miss asks, nobody answers, askFallback=deny refuses.
    for (const args of [['--', 'jq', '-n', 'env.OPENCLAW_GATEWAY_TOKEN'], ['--raw', 'echo {} | jq -n env']]) {
      const run = await nodesRun(...args);
      expect(run).toMatchObject({ code: 1, output: expect.stringMatching(/^waiting for approval /) });
      expect(run.output).toContain('nodes run failed: exec denied: approval required, and no operator answered within 1 s (askFallback=deny)\n');
    }
  });

  it.each(ENV_READERS.map((args) => [args.join(' '), args] as const))('under security=full, where everything runs: %s', async (_what, args) => {
    await nodePolicy({ security: 'full', ask: 'off' });
    const run = await nodesRun(...args);
    expect(run.output).not.toContain(TOKEN);
    expect(run.output).not.toContain('nodes run failed: SYSTEM_RUN');
  });

  it('nor does the gateway to a host=gateway command', async () => {
    await fx.setApprovals(['--gateway'], { version: 1, defaults: { security: 'full', ask: 'off' }, agents: {} });
    await fx.config('set', 'tools.exec.security', 'full');
    await fx.config('set', 'tools.exec.ask', 'off');
    try {
      const res = await fx.http({ tool: 'exec', args: { command: 'env; echo "token=$OPENCLAW_GATEWAY_TOKEN"; tr "\\0" "\\n" < /proc/$PPID/environ' } });
      expect(res.body).toMatchObject({ ok: true, result: { host: 'gateway', exitCode: 0, stdout: expect.stringContaining('token=\n') } });
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    } finally {
      await fx.config('unset', 'tools.exec.security');
      await fx.config('set', 'tools.exec.ask', 'off');
    }
  });
});

describe('a gateway started with --token', () => {
  it('keeps it out of what its host=gateway commands can read about their parent', async () => {
    const token = `flag-${TOKEN}-${Date.now()}`;
    const env: NodeJS.ProcessEnv = { ...process.env, OPENCLAW_GATEWAY_PASSWORD: `pw-${token}` };
    delete env.OPENCLAW_GATEWAY_TOKEN;
    const gateway = await startFullExecGateway({ tools: { exec: { security: 'full', ask: 'off' } } }, env, ['--token', token]);
    try {
      const body = await gateway.exec('tr "\\0" " " < /proc/$PPID/cmdline; echo; tr "\\0" "\\n" < /proc/$PPID/environ', token);
      expect(body).toMatchObject({ ok: true, result: { exitCode: 0, stdout: expect.stringContaining('gateway run --port') } });
      expect(body.result.stdout).toContain('OPENCLAW_STATE_DIR=');
      expect(JSON.stringify(body)).not.toContain(token);
    } finally {
      await gateway.stop();
    }
  });
});

describe('shell commands run with the node host’s own PATH', () => {
  it('finds a program only the node host’s PATH holds, under full and under an allowlist', async () => {
    const which = JSON.parse(await fx.cli('nodes', 'invoke', '--node', NODE, '--command', 'system.which', '--params', '{"bins":["mytool"]}'));
    expect(which.payload.bins).toEqual({ mytool: join(TOOL_DIR, 'mytool') });
    await nodePolicy({ security: 'full', ask: 'off' });
    expect(await nodesRun('--raw', 'mytool')).toEqual({ code: 0, output: 'mytool ran\n' });
    await nodePolicy({ security: 'allowlist', ask: 'off' }, [join(TOOL_DIR, 'mytool')]);
    expect(await nodesRun('--raw', 'mytool')).toEqual({ code: 0, output: 'mytool ran\n' });
    // The exec tool with host=node sends the same shell form.
    await fx.config('set', 'tools.exec.host', 'node');
    try {
      const res = await fx.http({ tool: 'exec', args: { command: 'mytool' } });
      expect(res.body).toMatchObject({ ok: true, result: { host: 'node', exitCode: 0, stdout: 'mytool ran\n' } });
    } finally {
      await fx.config('unset', 'tools.exec.host');
    }
    // What an OpenClaw gateway sends: a login-shell wrapper. The node still runs what it approved.
    const raw = JSON.parse(await fx.cli('nodes', 'invoke', '--node', NODE, '--command', 'system.run', '--params', JSON.stringify({ command: ['/bin/sh', '-lc', 'mytool'] })));
    expect(raw.payload).toMatchObject({ exitCode: 0, stdout: 'mytool ran\n' });
  });
});

describe('allowlist patterns `*` and bare names (security=allowlist, ask=off)', () => {
  it('`*` allows any command whose program resolves', async () => {
    await nodePolicy({ security: 'allowlist', ask: 'off' }, ['*']);
    expect(await nodesRun('--', 'hostname')).toEqual({ code: 0, output: `${execFileSync('hostname', { encoding: 'utf8' })}` });
    expect((await nodesRun('--', 'no-such-program-anywhere')).output).toBe('nodes run failed: SYSTEM_RUN_DENIED: allowlist miss\n');
  });

  it('a bare name allows that name typed as a bare name, not typed as a path', async () => {
    await nodePolicy({ security: 'allowlist', ask: 'off' }, ['hostname']);
    expect((await nodesRun('--', 'hostname')).code).toBe(0);
    expect(await nodesRun('--', HOSTNAME)).toEqual({ code: 1, output: 'nodes run failed: SYSTEM_RUN_DENIED: allowlist miss\n' });
    expect((await nodesRun('--', 'id')).output).toBe('nodes run failed: SYSTEM_RUN_DENIED: allowlist miss\n');
  });
});
