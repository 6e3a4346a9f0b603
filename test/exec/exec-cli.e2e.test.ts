import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecFixture } from './exec-fixture.js';

const UNAME = realpathSync(execFileSync('/bin/sh', ['-c', 'command -v uname'], { encoding: 'utf8' }).trim());
let fx: Awaited<ReturnType<typeof startExecFixture>>;

beforeAll(async () => {
  fx = await startExecFixture('Exec Node');
  // Only the node's own policy decides here whether anyone is asked (the CLI's defaults,
  // allowlist and on-miss, would ask for a miss even on a node under security=full).
  await fx.config('set', 'tools.exec.security', 'full');
  await fx.config('set', 'tools.exec.ask', 'off');
  // A miss waits for an operator; nobody answers here, so it ends after a second.
  await fx.config('set', 'tools.exec.approvalTimeoutMs', '1000');
}, 60_000);
afterAll(() => fx?.stop());

describe('openclaw approvals --node and nodes run, against real gateway and node processes', () => {
  it('shows a fresh node’s approvals file', async () => {
    const snapshot = JSON.parse(await fx.cli('approvals', 'get', '--node', 'Exec Node', '--json'));
    expect(snapshot).toMatchObject({ path: join(fx.nodeDir, 'exec-approvals.json'), exists: true, hash: expect.stringMatching(/^[0-9a-f]{64}$/), file: { version: 1, agents: {} } });
    expect(snapshot.file.socket.token).toBeUndefined();
    expect(statSync(snapshot.path).mode & 0o777).toBe(0o600);
    const human = await fx.cli('approvals', 'get', '--node', 'Exec Node');
    expect(human).toContain(`Target: node:${fx.nodeId}`);
    expect(human).toMatch(/Exists\s+yes/);
    expect(human).toContain('No allowlist entries.');
  });

  it('allowlist add --node "<name>" /usr/bin/uname, as the seed does: node.list, get, set with baseHash', async () => {
    const out = await fx.cli('approvals', 'allowlist', 'add', '--node', 'Exec Node', UNAME);
    expect(out).toContain(`Target: node:${fx.nodeId}`);
    expect(out).toMatch(new RegExp(`node:${fx.nodeId}\\s+\\*\\s+${UNAME}\\s+just now`));
    expect(await fx.cli('approvals', 'allowlist', 'add', '--node', fx.nodeId.slice(0, 8), UNAME)).toBe('Already allowlisted.\n');
    const { file } = JSON.parse(await fx.cli('approvals', 'get', '--node', 'exec-node', '--json'));
    expect(file.agents['*'].allowlist).toEqual([{ id: expect.any(String), pattern: UNAME, lastUsedAt: expect.any(Number) }]);
  });

  it('runs an allowlisted command and prints its output', async () => {
    await expect(fx.run('nodes', 'run', '--node', 'Exec Node', '--', 'uname', '-s')).resolves.toEqual({ code: 0, stdout: 'Linux\n', stderr: '' });
    const raw = await fx.run('nodes', 'run', '--node', 'Exec Node', '--raw', 'uname -s | wc -l');
    expect(raw).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\s*1\n$/) });
  });

  it('waits for an operator for anything else; nobody answering, askFallback=deny refuses it, exit 1', async () => {
    const fallback = 'nodes run failed: exec denied: approval required, and no operator answered within 1 s (askFallback=deny)\n';
    const denied = await fx.run('nodes', 'run', '--node', 'Exec Node', '--', 'id');
    expect(denied).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^waiting for approval \S+ \(openclaw approvals allow /) });
    expect(denied.stderr.endsWith(fallback)).toBe(true);
    const chained = await fx.run('nodes', 'run', '--node', 'Exec Node', '--raw', 'uname; id');
    expect(chained.stderr.endsWith(fallback)).toBe(true);
  });

  it('allowlist remove takes the pattern out again', async () => {
    expect(await fx.cli('approvals', 'allowlist', 'remove', '--node', 'Exec Node', UNAME)).toContain('No allowlist entries.');
    expect(await fx.cli('approvals', 'allowlist', 'remove', '--node', 'Exec Node', UNAME)).toBe('Pattern not found.\n');
    await expect(fx.run('approvals', 'allowlist', 'add', '--node', 'Exec Node', '  ')).resolves.toMatchObject({ code: 1, stderr: 'approvals allowlist add failed: Pattern required.\n' });
    // A relative pattern would be stored and never match: refused with what to give instead.
    await expect(fx.run('approvals', 'allowlist', 'add', '--node', 'Exec Node', './mytool')).resolves.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('./mytool is relative and would never match'),
    });
    expect(await fx.cli('approvals', 'get', '--node', 'Exec Node')).not.toContain('mytool');
    await expect(fx.run('approvals', 'get', '--node', 'nobody')).resolves.toMatchObject({ code: 1, stderr: expect.stringContaining('approvals get failed: unknown node: nobody') });
    expect((await fx.run('nodes', 'run', '--node', 'Exec Node', '--', 'uname')).code).toBe(1);
  });

  it('approvals set --stdin replaces the file; with security=full anything runs', async () => {
    const bad = join(fx.gwDir, 'bad.json5');
    writeFileSync(bad, '{ defaults: ');
    expect(await fx.run('approvals', 'set', '--node', 'Exec Node', '--file', bad)).toMatchObject({ code: 1, stderr: expect.stringContaining('approvals set failed: Failed to parse approvals JSON') });
    expect(await fx.run('approvals', 'set', '--node', 'Exec Node')).toMatchObject({ code: 1, stderr: 'approvals set failed: Provide --file or --stdin.\n' });
    const out = execFileSync(process.execPath, [join(process.cwd(), 'hosts/cli/bin/openclaw.js'), 'approvals', 'set', '--node', 'Exec Node', '--stdin', '--json', '--url', fx.url], {
      env: fx.gwEnv,
      input: "{ defaults: { security: 'full', ask: 'off' }, agents: {} } // JSON5",
      encoding: 'utf8',
    });
    expect(JSON.parse(out).file.defaults).toEqual({ security: 'full', ask: 'off' });
    await expect(fx.run('nodes', 'run', '--node', 'Exec Node', '--', 'id', '-u')).resolves.toMatchObject({ code: 0, stdout: `${process.getuid!()}\n` });
  });

  it('copies remote stdout and stderr and exits with the remote exit code', async () => {
    const result = await fx.run('nodes', 'run', '--node', 'Exec Node', '--raw', 'echo out; echo err >&2; exit 3');
    expect(result).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\nnodes run failed: run exit 3\n' });
  });

  it('stops quietly when the reader of its output goes away: nodes run … | head -c 10', () => {
    const errFile = join(fx.gwDir, 'pipe-stderr.txt');
    // The node keeps the last 200 kB: still far more than a pipe holds (64 KiB), so the copy
    // is still going when head exits.
    const script = `"$NODE" "$BIN" nodes run --url "$URL" --node 'Exec Node' -- sh -c 'seq 1 100000' 2>"$ERR" | head -c 10; echo "|exit=\${PIPESTATUS[0]}"`;
    const out = execFileSync('bash', ['-c', script], {
      env: { ...fx.gwEnv, NODE: process.execPath, BIN: join(process.cwd(), 'hosts/cli/bin/openclaw.js'), URL: fx.url, ERR: errFile },
      encoding: 'utf8',
    });
    expect(out).toBe('... (trunc|exit=0\n');
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });

  it('passes --cwd and --env, ignores PATH, and kills the command at --command-timeout', async () => {
    const dir = join(fx.gwDir, 'work dir');
    mkdirSync(dir);
    const result = await fx.run('nodes', 'run', '--node', 'Exec Node', '--cwd', dir, '--env', 'GREETING=hello', '--env', 'PATH=/nonexistent', '--env', 'junk', '--raw', 'pwd; echo "$GREETING"; command -v uname');
    expect(result).toMatchObject({ code: 0, stdout: `${dir}\nhello\n${execFileSync('/bin/sh', ['-c', 'command -v uname'], { encoding: 'utf8' })}` });
    // The command would outlast the test's own time limit: only the kill ends it in time.
    const slow = await fx.run('nodes', 'run', '--node', 'Exec Node', '--command-timeout', '300', '--', 'sleep', '300');
    expect(slow).toEqual({ code: 1, stdout: '', stderr: 'nodes run failed: run timed out\n' });
  });

  it('refuses screen recording on a headless node, and bad flags before calling anyone', async () => {
    const screen = await fx.run('nodes', 'run', '--node', 'Exec Node', '--needs-screen-recording', '--', 'true');
    expect(screen).toMatchObject({ code: 1, stderr: 'nodes run failed: PERMISSION_MISSING: screenRecording\n' });
    for (const [args, message] of [
      [['--', 'uname'], 'node required (set --node or tools.exec.node)'],
      [['--node', 'Exec Node'], 'command required'],
      [['--node', 'Exec Node', '--raw', 'x', '--', 'y'], 'use --raw or argv, not both'],
      [['--node', 'Exec Node', '--ask', 'sometimes', '--', 'true'], 'invalid --ask (use off|on-miss|always)'],
      [['--node', 'Exec Node', '--security', 'none', '--', 'true'], 'invalid --security (use deny|allowlist|full)'],
      [['--node', 'Exec Node', '--security', 'deny', '--', 'true'], 'exec denied: host=node security=deny'],
      [['--node', 'Exec Node', '--command-timeout', '-5', '--', 'true'], '--command-timeout must be a positive integer (milliseconds), got -5'],
    ] as const) {
      await expect(fx.run('nodes', 'run', ...args)).resolves.toMatchObject({ code: 1, stderr: `nodes run failed: ${message}\n` });
    }
  });

  it('lets the raw nodes invoke reach system.run (seed behaviour), never trusting approval flags it carries', async () => {
    const ok = JSON.parse(await fx.cli('nodes', 'invoke', '--node', 'Exec Node', '--command', 'system.run', '--params', '{"command":["echo","hi"]}'));
    expect(ok).toMatchObject({ ok: true, command: 'system.run', payload: { exitCode: 0, success: true, stdout: 'hi\n' } });
    const strict = join(fx.gwDir, 'strict.json');
    writeFileSync(strict, JSON.stringify({ version: 1, defaults: { security: 'allowlist', ask: 'off' }, agents: {} }));
    await fx.cli('approvals', 'set', '--node', 'Exec Node', '--file', strict);
    const forged = await fx.run('nodes', 'invoke', '--node', 'Exec Node', '--command', 'system.run', '--params', '{"command":["id"],"approved":true,"approvalDecision":"allow-always"}');
    expect(forged).toMatchObject({ code: 1, stderr: 'nodes invoke failed: SYSTEM_RUN_DENIED: allowlist miss\n' });
  });
});
