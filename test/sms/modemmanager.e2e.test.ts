import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { startApprovedNode } from '../support/approved-node.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';
import { startFakeModemManager } from './fake-modemmanager.js';

// A real gateway and node host on loopback; the node's sms plugin (backend auto) finds
// "ModemManager" on the system bus it is pointed at, a stand-in since this machine has no modem.
const TOKEN = 'sms-mm-e2e-token';
const gwDir = tempDir('oc-mm-gw-');
const nodeDir = tempDir('oc-mm-node-');
let mm: Awaited<ReturnType<typeof startFakeModemManager>>;
let port: number;
let gateway: ReturnType<typeof startProcess>;
let node: ReturnType<typeof startProcess>;
let nodeId: string;

const env = (dir: string) => ({ ...process.env, OPENCLAW_STATE_DIR: dir, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);
const invoke = (command: string, params: unknown) => api(`/v1/nodes/${nodeId}/invoke`, { command, params });

beforeAll(async () => {
  mm = await startFakeModemManager();
  port = await freePort();
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN }, nodes: { commands: { allow: ['sms.send', 'sms.search'] } } } }), { mode: 0o600 });
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], env(gwDir.path), /listening on/);
  await gateway.started;
  const sms = { allowSend: true, allowSearch: true, systemBus: mm.address };
  const config = { plugins: { enabled: ['system', 'sms'], options: { sms } } };
  ({ node, nodeId } = await startApprovedNode({ port, token: TOKEN, gatewayStateDir: gwDir.path, dir: nodeDir.path, displayName: 'MM Node', config, routable: 'sms.send' }));
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await gateway?.stop();
  await mm?.stop();
  gwDir.cleanup();
  nodeDir.cleanup();
});

describe('sms through ModemManager on the system bus', () => {
  it('advertises the sms cap for the modem ModemManager manages', async () => {
    expect((await api(`/v1/nodes/${nodeId}`)).json).toMatchObject({ caps: expect.arrayContaining(['sms']), permissions: { sms: true, 'sms.search': true } });
  });

  it('creates and sends the message whole: ModemManager does the splitting into parts', async () => {
    const long = 'x'.repeat(300);
    expect((await invoke('sms.send', { to: '+1 (555) 555-0123', message: long })).json.payload).toEqual({ ok: true, to: '+1 (555) 555-0123' });
    expect(mm.sent().at(-1)).toEqual({ number: '+15555550123', text: long });
  });

  it("answers SMS_SEND_FAILED with the modem's reason when the network refuses", async () => {
    const res = await invoke('sms.send', { to: '+15550000000', message: 'refused' });
    expect(res.json.error.details.nodeError.code).toBe('SMS_SEND_FAILED');
    expect(res.json.error.message).toBe('SMS_SEND_FAILED: ModemManager: org.freedesktop.ModemManager1.Error.Core.Failed: Sending SMS failed: network rejected the message (cause 21)');
  });

  it('finds stored messages with their state and time', async () => {
    const res = await invoke('sms.search', { query: 'over modemmanager' });
    expect(res.json.payload.messages).toEqual([{ number: '+15550003333', text: 'inbound over ModemManager', state: 'received', timestamp: Date.parse('2026-11-30T07:00:00Z') }]);
  });

  it('withdraws sms.send when ModemManager removes the modem and announces it when it comes back, without reconnecting', async () => {
    const connects = () => (node.output().match(/connected to ws:/g) ?? []).length;
    const before = connects();
    const described = (ok: (d: any) => boolean, what: string) => poll(async () => ((d) => (ok(d) ? d : undefined))((await api(`/v1/nodes/${nodeId}`)).json), what, { timeoutMs: 30_000 });
    mm.unplug();
    const gone = await described((d) => !d.commands.includes('sms.send'), 'sms.send withdrawn');
    expect(gone.caps).not.toContain('sms');
    expect(gone.permissions).toMatchObject({ sms: false, 'sms.search': false });
    mm.plug();
    await described((d) => d.commands.includes('sms.send') && d.permissions.sms === true, 'sms.send announced again');
    expect((await invoke('sms.send', { to: '+15555550124', message: 'back' })).json.payload).toEqual({ ok: true, to: '+15555550124' });
    expect(mm.sent().at(-1)).toEqual({ number: '+15555550124', text: 'back' });
    expect(connects()).toBe(before);
  }, 90_000);
});
