import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeApprovalsFile } from '@openclaw-nodes/core/exec';
import { ApprovalsStore } from '@openclaw-nodes/plugin-system';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { startInProcessExec } from './in-process-exec.js';

const which = (name: string) => realpathSync(execFileSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim());
const UNAME = which('uname');
const PRINTENV = which('printenv');
const work = tempDir('oc-exec-bypass-');
const MARKER = join(work.path, 'ran');
const evil = join(work.path, 'evil');
let fx: Awaited<ReturnType<typeof startInProcessExec>>;
let node: { nodeId: string; stateDir: string };

/** The node's approvals: one policy, /usr/bin/uname and printenv allowed for every agent. */
const nodePolicy = (defaults: Record<string, unknown>) =>
  new ApprovalsStore(node.stateDir).update(() => normalizeApprovalsFile({ version: 1, defaults, agents: { '*': { allowlist: [UNAME, PRINTENV] } } }));

beforeAll(async () => {
  fx = await startInProcessExec();
  node = await fx.addNode('Bypass Node');
  // The gateway forwards everything (security=full, so it asks nothing): the node must hold the line.
  fx.state.config = { tools: { exec: { host: 'node', security: 'full' } } };
  mkdirSync(evil);
  writeFileSync(join(evil, 'uname'), `#!/bin/sh\ntouch ${MARKER}\n`);
  chmodSync(join(evil, 'uname'), 0o755);
  symlinkSync('/bin/sh', join(evil, 'sh-named-uname'));
  mkdirSync(join(evil, 'link'));
  symlinkSync('/bin/sh', join(evil, 'link', 'uname'));
}, 60_000);
afterAll(async () => {
  await fx?.stop();
  work.cleanup();
});
beforeEach(() => rmSync(MARKER, { force: true }));

const ATTEMPTS: Array<[string, string]> = [
  ['a ; chain', `uname; touch ${MARKER}`],
  ['an && chain', `uname && touch ${MARKER}`],
  ['an || chain', `false || touch ${MARKER}`],
  ['a pipe into a program', `uname | touch ${MARKER}`],
  ['a pipe into an interpreter', `uname | sh -c "touch ${MARKER}"`],
  ['a pipe of text into a shell', `uname -n | sh`],
  ['command substitution', `uname $(touch ${MARKER})`],
  ['backticks', `uname \`touch ${MARKER}\``],
  ['a redirect', `uname > ${MARKER}`],
  ['a subshell', `(touch ${MARKER})`],
  ['backgrounding', `touch ${MARKER} &`],
  ['a second line', `uname\ntouch ${MARKER}`],
  ['env injecting LD_PRELOAD', `env LD_PRELOAD=/tmp/x.so uname`],
  ['env overriding PATH', `env PATH=${evil} uname`],
  ['env running something else', `env touch ${MARKER}`],
  ['env -S', `env -S 'touch ${MARKER}'`],
  ['nice', `nice touch ${MARKER}`],
  ['nohup', `nohup touch ${MARKER}`],
  ['timeout', `timeout 5 touch ${MARKER}`],
  ['a symlink named like the allowed program', `${join(evil, 'link', 'uname')} -c "touch ${MARKER}"`],
  ['a variable as the command', `$SHELL -c "touch ${MARKER}"`],
  ['eval', `eval "touch ${MARKER}"`],
];

describe('bypass attempts under allowlist (only /usr/bin/uname and printenv allowed) are denied and run nothing', () => {
  beforeAll(() => nodePolicy({ security: 'allowlist', ask: 'off' }));

  it.each(ATTEMPTS)('through the exec tool: %s', async (_what, command) => {
    await expect(fx.exec({ command })).rejects.toMatchObject({ details: { code: 'SYSTEM_RUN_DENIED' }, message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    expect(existsSync(MARKER)).toBe(false);
  });

  it.each(ATTEMPTS)('through a raw node.invoke: %s', async (_what, command) => {
    await expect(fx.systemRun(node.nodeId, { command: ['/bin/sh', '-lc', command] })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    expect(existsSync(MARKER)).toBe(false);
  });

  it('ignores approval flags a caller puts on system.run (CVE-2026-28466)', async () => {
    for (const flags of [{ approved: true }, { approvalDecision: 'allow-once' }, { approved: true, approvalDecision: 'allow-always', runId: 'forged' }, { approvalSource: 'ask-fallback' }]) {
      await expect(fx.systemRun(node.nodeId, { command: ['/bin/sh', '-lc', `touch ${MARKER}`], ...flags })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    }
    expect(existsSync(MARKER)).toBe(false);
    // The exec tool has no such arguments at all.
    await expect(fx.exec({ command: `touch ${MARKER}`, approved: true })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining("'approved'") });
  });

  it('refuses an argv whose program is a symlink to a shell named like the allowed one, or a look-alike shell', async () => {
    await expect(fx.systemRun(node.nodeId, { command: [join(evil, 'link', 'uname'), '-c', `touch ${MARKER}`] })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    await expect(fx.systemRun(node.nodeId, { command: [join(evil, 'sh-named-uname'), '-c', 'uname'] })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    expect(existsSync(MARKER)).toBe(false);
  });

  it('never lets a caller move PATH: the allowed name still runs the system program', async () => {
    const result = await fx.systemRun(node.nodeId, { command: ['/bin/sh', '-lc', 'uname'], env: { PATH: evil, Path: evil } });
    expect(result).toMatchObject({ success: true, stdout: `${execFileSync('uname', { encoding: 'utf8' })}` });
    expect(existsSync(MARKER)).toBe(false);
    await expect(fx.exec({ command: 'uname', env: { PATH: evil } })).rejects.toMatchObject({ details: { code: 'EXEC_ENV_FORBIDDEN' } });
  });

  it('drops dangerous variables a raw caller sends, keeping harmless ones', async () => {
    const result = await fx.systemRun(node.nodeId, { command: ['printenv'], env: { LD_PRELOAD: '/tmp/x.so', NODE_OPTIONS: '--require /tmp/x.js', BASH_ENV: '/tmp/x', HOME: '/tmp', GREETING: 'hi' } });
    expect(result.stdout).toContain('GREETING=hi\n');
    expect(result.stdout).not.toMatch(/LD_PRELOAD|NODE_OPTIONS|BASH_ENV|HOME=\/tmp\n/);
    await expect(fx.exec({ command: 'printenv', env: { LD_PRELOAD: '/tmp/x.so' } })).rejects.toMatchObject({ details: { code: 'EXEC_ENV_FORBIDDEN' } });
  });
});

/** Safe-bin uses that would read or write a file, or the environment, rather than standard input. */
const SAFE_BIN_ESCAPES: Array<[string, string[]]> = [
  ['head with a file', ['head', '/etc/hostname']],
  ['tail -f with a file', ['tail', '-f', '/etc/hostname']],
  ['cut with a file', ['cut', '-f1', '/etc/hostname']],
  ['uniq writing an output file', ['uniq', '-', MARKER]],
  ['wc --files0-from', ['wc', '--files0-from=/etc/hostname']],
  ['wc with an abbreviated --files0', ['wc', '--files0=/etc/hostname']],
  ['wc reading file names from standard input', ['wc', '--files0=-']],
  ['cut with a file after combined options', ['cut', '-sf1', 'hostname']],
  ['tr with a file', ['tr', 'a', 'b', '/etc/hostname']],
  ['jq reading the environment', ['jq', '-n', 'env']],
  ['jq reading a file', ['jq', '-n', '--rawfile', 'x', '/etc/hostname', '$x']],
];

describe('default safe bins stay filters of standard input (allowlist, nothing else allowed for them)', () => {
  beforeAll(() => nodePolicy({ security: 'allowlist', ask: 'off' }));

  it.each(SAFE_BIN_ESCAPES)('denies %s', async (_what, command) => {
    await expect(fx.systemRun(node.nodeId, { command })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    expect(existsSync(MARKER)).toBe(false);
  });

  it('runs a plain filter of standard input', async () => {
    await expect(fx.systemRun(node.nodeId, { command: ['wc', '-l'] })).resolves.toMatchObject({ success: true, stdout: expect.stringMatching(/^0\n$/) });
  });
});

describe('the same commands under full and deny', () => {
  it('full runs them', async () => {
    await nodePolicy({ security: 'full', ask: 'off' });
    for (const [, command] of ATTEMPTS.slice(0, 2)) {
      rmSync(MARKER, { force: true });
      await expect(fx.exec({ command })).resolves.toMatchObject({ status: 'completed' });
      expect(existsSync(MARKER)).toBe(true);
    }
    await expect(fx.exec({ command: `uname > ${MARKER}` })).resolves.toMatchObject({ status: 'completed' });
    expect(existsSync(MARKER)).toBe(true);
  });

  it('deny runs nothing, not even an allowlisted command, whatever the caller claims', async () => {
    await nodePolicy({ security: 'deny' });
    await expect(fx.exec({ command: 'uname' })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DISABLED: security=deny', details: { code: 'SYSTEM_RUN_DISABLED' } });
    await expect(fx.systemRun(node.nodeId, { command: ['/bin/sh', '-lc', `touch ${MARKER}`], approved: true })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DISABLED: security=deny' });
    expect(existsSync(MARKER)).toBe(false);
  });
});
