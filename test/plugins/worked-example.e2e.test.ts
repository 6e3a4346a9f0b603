import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';
import { shareLocalProof } from '../support/local-proof.js';

// The worked example of docs/plugins.md, run as that page tells an author to: its folder
// beside each machine's openclaw.json, named in plugins.load, enabled by config only.
const example = fileURLToPath(new URL('../../docs/examples/openclaw-plugin-notes', import.meta.url));
const TOKEN = 'worked-example-e2e-token';

const gwDir = tempDir('oc-notes-gw-');
const nodeDir = tempDir('oc-notes-node-');
const cliDir = tempDir('oc-notes-cli-');
let port: number;
let gateway: ReturnType<typeof startProcess>;
let node: ReturnType<typeof startProcess>;
let nodeId: string;

/** openclaw.json in `dir` with the example folder linked beside it, as step 4 shows. */
function writeConfig(dir: string, config: Record<string, unknown>): void {
  symlinkSync(example, join(dir, 'openclaw-plugin-notes'));
  writeFileSync(join(dir, 'openclaw.json'), JSON.stringify(config), { mode: 0o600 });
}

const env = (dir: string) => ({ ...process.env, OPENCLAW_STATE_DIR: dir, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const cli = (...args: string[]) => runCli([...args, '--url', `ws://127.0.0.1:${port}`], env(cliDir.path));

const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);
const invoke = (command: string, params: unknown, timeoutMs?: number) => api(`/v1/nodes/${nodeId}/invoke`, { command, params, ...(timeoutMs ? { timeoutMs } : {}) });

function startGateway(...extra: string[]) {
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), ...extra], env(gwDir.path), /listening on/);
  return gateway.started;
}

beforeAll(async () => {
  port = await freePort();
  writeConfig(gwDir.path, { gateway: { auth: { token: TOKEN } }, plugins: { enabled: ['system', 'notes'], load: ['./openclaw-plugin-notes'] } });
  writeConfig(nodeDir.path, { plugins: { enabled: ['system', 'notes'], load: ['./openclaw-plugin-notes'], options: { notes: { maxNotes: 2 } } } });
  writeConfig(cliDir.path, { plugins: { load: ['./openclaw-plugin-notes'] } });
  await startGateway();
  shareLocalProof(gwDir.path, nodeDir.path);
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', 'Notes Node'], env(nodeDir.path), /connected to|waiting for approval/);
  await node.started;
  const pending = await poll(async () => (await api('/v1/pairing')).json.pending.find((p: any) => p.displayName === 'Notes Node'), 'the node asking for approval');
  expect((await api(`/v1/pairing/${pending.requestId}/approve`, {})).status).toBe(200);
  nodeId = pending.nodeId;
  await poll(async () => ((await invoke('notes.list', {})).status === 200 ? true : undefined), 'notes.list answering after approval');
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await gateway?.stop();
  for (const dir of [gwDir, nodeDir, cliDir]) dir.cleanup();
});

describe('the notes plugin of docs/plugins.md', () => {
  it('is listed on the node machine as a path plugin, enabled and ok', async () => {
    const r = await runCli(['plugins', 'list', '--json'], env(nodeDir.path));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toContainEqual(expect.objectContaining({ name: 'notes', version: '1.0.0', source: 'path', enabled: true, status: 'ok' }));
  });

  it('is found by discovery too: installed into node_modules beside openclaw.json, enabled by name only', async () => {
    const dir = tempDir('oc-notes-discovered-');
    try {
      mkdirSync(join(dir.path, 'node_modules'));
      symlinkSync(example, join(dir.path, 'node_modules', 'openclaw-plugin-notes'));
      writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify({ plugins: { enabled: ['system', 'notes'] } }));
      const r = await runCli(['plugins', 'list', '--json'], env(dir.path));
      expect(JSON.parse(r.stdout)).toContainEqual(expect.objectContaining({ name: 'notes', version: '1.0.0', source: 'package', enabled: true, status: 'ok' }));
    } finally {
      dir.cleanup();
    }
  });

  it('adds and lists notes through its CLI entry; the gateway side puts the newest first', async () => {
    const added = await cli('nodes', 'notes', 'add', '--node', 'Notes Node', '--text', 'backup at 02:00');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('1 note(s) kept\n');
    expect((await cli('nodes', 'notes', 'add', '--node', 'Notes Node', '--text', '  water the plants ')).stdout).toBe('2 note(s) kept\n');
    const listed = await cli('nodes', 'notes', 'list', '--node', 'Notes Node');
    expect(listed.stdout).toMatch(/^\S+Z {2}water the plants\n\S+Z {2}backup at 02:00\n$/);
    const json = JSON.parse((await cli('nodes', 'notes', 'list', '--node', 'Notes Node', '--json')).stdout);
    expect(json).toMatchObject({ count: 2, notes: [{ text: 'water the plants' }, { text: 'backup at 02:00' }] });
  });

  it('answers its own NOTES_FULL past maxNotes, with the code passed on to the caller', async () => {
    const full = await invoke('notes.add', { text: 'one too many' });
    expect(full).toMatchObject({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', message: 'NOTES_FULL: this node keeps at most 2 notes; run notes.clear first', details: { nodeError: { code: 'NOTES_FULL' } } } },
    });
    const r = await cli('nodes', 'notes', 'add', '--node', 'Notes Node', '--text', 'one too many', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { message: expect.stringContaining('NOTES_FULL') } });
  });

  it('refuses the dangerous notes.clear until the gateway allows it', async () => {
    expect(await invoke('notes.clear', {})).toMatchObject({ status: 403, json: { error: { code: 'COMMAND_NOT_ALLOWED' } } });
    expect((await invoke('notes.list', {})).json.payload.count).toBe(2);
  });

  it('ends notes.wait with TIMEOUT when the invoke timeout passes, and the node keeps serving', async () => {
    const waited = await invoke('notes.wait', {}, 1_000);
    expect(waited).toMatchObject({ status: 504, json: { error: { code: 'TIMEOUT' } } });
    const r = await cli('nodes', 'invoke', '--node', 'Notes Node', '--command', 'notes.wait', '--invoke-timeout', '1000');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TIMEOUT');
    expect((await invoke('notes.list', {})).status).toBe(200);
  });

  it('clears the notes once the gateway is restarted with the allow', async () => {
    await gateway.stop();
    await startGateway('--allow-command', 'notes.clear');
    const cleared = await poll(async () => {
      const res = await invoke('notes.clear', {});
      return res.status === 200 ? res : undefined;
    }, 'notes.clear answering after the allow');
    expect(cleared.json.payload).toEqual({ removed: 2 });
    expect((await cli('nodes', 'notes', 'list', '--node', 'Notes Node')).stdout).toBe('No notes.\n');
  });

  it('answers a waiting notes.wait with the next note added', async () => {
    let settled = false;
    const waiting = invoke('notes.wait', {}, 20_000).finally(() => (settled = true));
    // A note added before the wait reaches the node is not "next"; add until one is.
    await poll(async () => (await invoke('notes.add', { text: 'ping' }), settled ? true : undefined), 'notes.wait answering');
    expect(await waiting).toMatchObject({ status: 200, json: { payload: { text: 'ping', at: expect.any(Number) } } });
  });
});

describe('docs/plugins.md shows the example as it is', () => {
  const page = readFileSync(new URL('../../docs/plugins.md', import.meta.url), 'utf8');
  it.each(['package.json', 'index.js', 'cli.js'])('quotes %s whole', (file) => {
    expect(page).toContain(readFileSync(join(example, file), 'utf8').trimEnd());
  });
});
