import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { startApprovedNode } from '../support/approved-node.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';
import { dummyPhone } from './dummy-phone.js';

// A real gateway and two headless node hosts on loopback: one with gammu's dummy phone and
// sending allowed, one with the sms plugin enabled but no modem.
const TOKEN = 'sms-e2e-token';
const gwDir = tempDir('oc-sms-gw-');
const phoneNode = tempDir('oc-sms-node-');
const bareNode = tempDir('oc-sms-bare-');
const phone = dummyPhone();
// gammu through a wrapper that records the command line it was given, as /proc/<pid>/cmdline shows it.
const argvLog = join(phoneNode.path, 'gammu-argv.log');
const gammuWrapper = join(phoneNode.path, 'gammu-wrapper.sh');
writeFileSync(gammuWrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec gammu "$@"\n`, { mode: 0o700 });
let port: number;
let gateway: ReturnType<typeof startProcess>;
const nodes: Array<ReturnType<typeof startProcess>> = [];
let nodeId: string;
let bareId: string;

const env = (dir: string) => ({ ...process.env, OPENCLAW_STATE_DIR: dir, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);
const invoke = (command: string, params: unknown, id = nodeId) => api(`/v1/nodes/${id}/invoke`, { command, params });

function startGateway(...extra: string[]) {
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), ...extra], env(gwDir.path), /listening on/);
  return gateway.started;
}

async function startNode(dir: string, displayName: string, sms: Record<string, unknown>): Promise<string> {
  const started = await startApprovedNode({ port, token: TOKEN, gatewayStateDir: gwDir.path, dir, displayName, config: { plugins: { enabled: ['system', 'sms'], options: { sms } } }, routable: 'system.which' });
  nodes.push(started.node);
  return started.nodeId;
}

beforeAll(async () => {
  port = await freePort();
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  await phone.receive('+15550001111', 'inbound: the parcel is at the door');
  await phone.receive('+15550002222', 'inbound: call me back');
  await startGateway();
  nodeId = await startNode(phoneNode.path, 'SMS Node', { allowSend: true, allowSearch: true, backend: 'gammu', gammuConfig: phone.config, gammuPath: gammuWrapper });
  bareId = await startNode(bareNode.path, 'Bare Node', { allowSend: true, backend: 'gammu' });
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node.stop();
  await gateway?.stop();
  for (const dir of [gwDir, phoneNode, bareNode]) dir.cleanup();
  phone.cleanup();
});

describe('sms on a gammu dummy phone', () => {
  it('refuses sms.send and sms.search at the gateway until the operator allows them; nothing is sent', async () => {
    expect(await invoke('sms.send', { to: '+15555550123', message: 'not yet' })).toMatchObject({ status: 403, json: { error: { code: 'COMMAND_NOT_ALLOWED' } } });
    expect(await invoke('sms.search', {})).toMatchObject({ status: 403, json: { error: { code: 'COMMAND_NOT_ALLOWED' } } });
    expect(phone.lastSent()).toEqual([]);
    await gateway.stop();
    await startGateway('--allow-command', 'sms.send', '--allow-command', 'sms.search');
    await poll(async () => ((await invoke('sms.search', { limit: 1 })).status === 200 ? true : undefined), 'sms.search answering after the allow');
    // The next case asks the node without a modem too: it may reconnect after the one with it.
    await poll(async () => ((await api(`/v1/nodes/${bareId}`)).json.connected === true ? true : undefined), 'the node without a modem back after the restart');
  });

  it('advertises sms.send, sms.search and the sms cap only on the node whose modem answers; the other node is refused before it is reached', async () => {
    const withModem = (await api(`/v1/nodes/${nodeId}`)).json;
    expect(withModem.caps).toContain('sms');
    expect(withModem.commands).toEqual(expect.arrayContaining(['sms.send', 'sms.search']));
    expect(withModem.permissions).toMatchObject({ sms: true, 'sms.search': true });
    const bare = (await api(`/v1/nodes/${bareId}`)).json;
    expect(bare.caps).not.toContain('sms');
    expect(bare.commands).not.toContain('sms.send');
    expect((await invoke('sms.send', { to: '+15555550123', message: 'hi' }, bareId)).json.error.details).toMatchObject({ reason: 'command not declared by node' });
  });

  it('sends a text through the modem and answers {ok, to} with the number as given, trimmed', async () => {
    const res = await invoke('sms.send', { to: '  +1 555 555-0123 ', message: 'Hello from OpenClaw' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.payload).toEqual({ ok: true, to: '+1 555 555-0123' });
    expect(phone.lastSent()).toEqual([{ to: '+15555550123', text: 'Hello from OpenClaw', coding: '7bit' }]);
  });

  it('keeps the text off gammu\'s command line, where any local user could read it', async () => {
    const secret = 'Your code is 845512';
    expect((await invoke('sms.send', { to: '+15555550123', message: secret })).status).toBe(200);
    expect(phone.lastSent()).toEqual([{ to: '+15555550123', text: secret, coding: '7bit' }]);
    const sends = readFileSync(argvLog, 'utf8').split('\n').filter((line) => line.includes('sendsms'));
    expect(sends.length).toBeGreaterThan(0);
    expect(sends.filter((line) => line.includes('845512'))).toEqual([]);
  });

  it('sends a long text as several parts that join up to the whole text, and non-GSM text as Unicode', async () => {
    const long = Array.from({ length: 400 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    expect((await invoke('sms.send', { to: '+15555550123', message: long })).status).toBe(200);
    const parts = phone.lastSent();
    expect(parts.length).toBe(3);
    expect(parts.map((p) => p.text).join('')).toBe(long);
    // é and € are GSM characters, ✓ is not: the whole text must go as UCS-2.
    expect((await invoke('sms.send', { to: '+15555550123', message: 'payé 5 € ✓' })).status).toBe(200);
    expect(phone.lastSent()).toEqual([{ to: '+15555550123', text: 'payé 5 € ✓', coding: 'unicode' }]);
  });

  it('refuses numbers that are not E.164-ish and empty texts before the modem is touched', async () => {
    const before = phone.log();
    for (const to of ['', '   ', 'abc', '+12', '-textutf8', '+1555555012345678', '12;34']) {
      const res = await invoke('sms.send', { to, message: 'x' });
      expect(res.json.error.details.nodeError.code, to).toBe('INVALID_REQUEST');
    }
    expect((await invoke('sms.send', { to: '+15555550123', message: '' })).json.error.message).toContain("'message' text required");
    expect((await invoke('sms.send', { to: '+15555550123', message: 'x'.repeat(1_531) })).json.error.message).toContain('longer than 1530');
    expect((await invoke('sms.send', { to: '+15555550123' })).json.error.message).toContain("'message' text required");
    expect(phone.log()).toBe(before);
  });

  it('searches the stored messages by text and by number, bounded by limit', async () => {
    const byText = await invoke('sms.search', { query: 'PARCEL' });
    expect(byText.json.payload.messages).toEqual([expect.objectContaining({ number: '+15550001111', text: 'inbound: the parcel is at the door', state: 'sent' })]);
    const byNumber = await invoke('sms.search', { number: '+1 555 000 2222' });
    expect(byNumber.json.payload.messages.map((m: any) => m.text)).toEqual(['inbound: call me back']);
    const limited = await invoke('sms.search', { query: 'inbound', limit: 1 });
    expect(limited.json.payload).toMatchObject({ truncated: true, messages: [expect.any(Object)] });
    expect((await invoke('sms.search', { limit: 1_000 })).json.error.details.nodeError.code).toBe('INVALID_REQUEST');
  });

  it("fails with SMS_SEND_FAILED and gammu's reason when the modem goes away", async () => {
    renameSync(phone.device, `${phone.device}.gone`);
    try {
      const res = await invoke('sms.send', { to: '+15555550123', message: 'into the void' });
      expect(res.status).toBe(503);
      expect(res.json.error.details.nodeError.code).toBe('SMS_SEND_FAILED');
      expect(res.json.error.message).toMatch(/^SMS_SEND_FAILED: gammu: \S/);
    } finally {
      renameSync(`${phone.device}.gone`, phone.device);
    }
  });
});
