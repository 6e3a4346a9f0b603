import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApprovedNode } from '../support/approved-node.js';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { ourCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';
import { dummyPhone } from './dummy-phone.js';

// A real gateway (sms.send allowed) and a headless node host whose sms options point at a gammu
// config that does not exist yet: the dummy phone appears, vanishes and comes back, and the
// config file is edited, all while the node runs, as a USB modem plugged in would.
const TOKEN = 'sms-live-token';
const NODE = 'Hotplug Node';
const gwDir = tempDir('oc-smslive-gw-');
const nodeDir = tempDir('oc-smslive-node-');
const phone = dummyPhone();
const gammuConfig = join(nodeDir.path, 'modem.gammurc');
const stops: Array<() => Promise<void> | void> = [];
let port: number;
let node: ReturnType<typeof startProcess>;
let nodeId: string;

const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);
const send = (message: string) => api(`/v1/nodes/${nodeId}/invoke`, { command: 'sms.send', params: { to: '+15555550123', message } });
const cliEnv = () => ({ ...process.env, OPENCLAW_STATE_DIR: gwDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const describeNode = async () => JSON.parse(await ourCli(['nodes', 'describe', '--url', `ws://127.0.0.1:${port}`, '--node', NODE, '--json'], cliEnv()));
const connects = () => (node.output().match(/connected to ws:/g) ?? []).length;
const nodeConfig = (sms: Record<string, unknown>) => ({ plugins: { enabled: ['system', 'sms'], options: { sms: { backend: 'gammu', gammuConfig, ...sms } } } });
/** Polls `nodes describe` until `ok` holds of it; answers the description. */
const describedWhen = (ok: (d: any) => boolean, what: string) => poll(async () => ((d) => (ok(d) ? d : undefined))(await describeNode()), what, { timeoutMs: 30_000 });

beforeAll(async () => {
  port = await freePort();
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN }, nodes: { commands: { allow: ['sms.send'] } } } }), { mode: 0o600 });
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], cliEnv(), /listening on/);
  stops.push(gateway.stop, gwDir.cleanup, nodeDir.cleanup, phone.cleanup);
  await gateway.started;
  ({ node, nodeId } = await startApprovedNode({ port, token: TOKEN, gatewayStateDir: gwDir.path, dir: nodeDir.path, displayName: NODE, config: nodeConfig({ allowSend: true }), routable: 'system.which' }));
  stops.push(node.stop);
}, 120_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('sms follows its modem and its options while the node runs', () => {
  it('announces a modem that appears: sms.send waits for approval, then is routed to the phone', async () => {
    const before = connects();
    expect((await describeNode()).commands).not.toContain('sms.send');
    writeFileSync(gammuConfig, readFileSync(phone.config));
    const pending = await poll(async () => (await api('/v1/pairing')).json.pending.find((p: any) => p.nodeId === nodeId && p.commands?.includes('sms.send')), 'sms.send pending approval', { timeoutMs: 30_000 });
    const described = await describeNode();
    expect(described.permissions).toMatchObject({ sms: true });
    expect(described.commands).not.toContain('sms.send');
    expect((await send('before approval')).json.error).toMatchObject({ code: 'COMMAND_NOT_ALLOWED', details: { reason: 'command pending approval' } });
    expect(phone.lastSent()).toEqual([]);
    expect((await api(`/v1/pairing/${pending.requestId}/approve`, {})).status).toBe(200);
    await describedWhen((d) => d.commands.includes('sms.send') && d.caps.includes('sms'), 'sms.send routable after approval');
    const res = await send('plugged in');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(phone.lastSent()).toEqual([{ to: '+15555550123', text: 'plugged in', coding: '7bit' }]);
    expect(connects()).toBe(before);
  }, 90_000);

  it('withdraws sms.send, the cap and the permission when the modem vanishes, and serves it again when it is back', async () => {
    renameSync(phone.device, `${phone.device}.unplugged`);
    try {
      const gone = await describedWhen((d) => !d.commands.includes('sms.send'), 'sms.send withdrawn');
      expect(gone.caps).not.toContain('sms');
      expect(gone.permissions).toMatchObject({ sms: false });
      expect((await send('unplugged')).json.error.details).toMatchObject({ reason: 'command not declared by node' });
    } finally {
      renameSync(`${phone.device}.unplugged`, phone.device);
    }
    await describedWhen((d) => d.commands.includes('sms.send') && d.permissions.sms === true, 'sms.send announced again');
    expect((await send('replugged')).status).toBe(200);
    expect(phone.lastSent()).toEqual([{ to: '+15555550123', text: 'replugged', coding: '7bit' }]);
  }, 90_000);

  it('takes allowSend edited in the config file live: off withdraws sms.send, on announces it again', async () => {
    const before = connects();
    writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify(nodeConfig({ allowSend: false })));
    const off = await describedWhen((d) => !d.commands.includes('sms.send'), 'sms.send withdrawn with allowSend off');
    expect(off.permissions).toMatchObject({ sms: false });
    writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify(nodeConfig({ allowSend: true })));
    await describedWhen((d) => d.commands.includes('sms.send') && d.permissions.sms === true, 'sms.send announced with allowSend on');
    expect((await send('allowed again')).status).toBe(200);
    expect(connects()).toBe(before);
  }, 90_000);
});
