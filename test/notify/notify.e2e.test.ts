import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { startApprovedNode } from '../support/approved-node.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';
import { URGENCY_TIMEOUT_S, startNotificationDesktop } from './session-bus.js';

// A real gateway and headless node host (notify enabled by config) on loopback; the node host
// talks to dunst on a private session bus, and each test reads what dunst itself recorded.
const TOKEN = 'notify-e2e-token';
const gwDir = tempDir('oc-notify-gw-');
const nodeDir = tempDir('oc-notify-node-');
let desktop: Awaited<ReturnType<typeof startNotificationDesktop>>;
let port: number;
let gateway: ReturnType<typeof startProcess>;
let node: ReturnType<typeof startProcess>;
let nodeId: string;

const env = (dir: string) => ({ ...process.env, OPENCLAW_STATE_DIR: dir, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const cli = (...args: string[]) => runCli(['nodes', 'notify', '--node', 'Notify Node', ...args, '--url', `ws://127.0.0.1:${port}`], env(gwDir.path));
const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);
const invoke = (params: unknown) => api(`/v1/nodes/${nodeId}/invoke`, { command: 'system.notify', params });
const seconds = (s: number) => s * 1_000_000;

beforeAll(async () => {
  desktop = await startNotificationDesktop();
  await desktop.startDunst();
  port = await freePort();
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], env(gwDir.path), /listening on/);
  await gateway.started;
  // The node host finds the bus as a desktop session's programs do: DBUS_SESSION_BUS_ADDRESS.
  ({ node, nodeId } = await startApprovedNode({
    port,
    token: TOKEN,
    gatewayStateDir: gwDir.path,
    dir: nodeDir.path,
    displayName: 'Notify Node',
    config: { plugins: { enabled: ['system', 'notify'], options: { notify: { appName: 'Notify Node', maxPerMinute: 15 } } } },
    env: { DBUS_SESSION_BUS_ADDRESS: desktop.address },
    routable: 'system.notify',
  }));
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await gateway?.stop();
  await desktop?.stop();
  gwDir.cleanup();
  nodeDir.cleanup();
});

describe('system.notify on a real notification daemon', () => {
  it('nodes notify shows the title and body at critical urgency for timeSensitive', async () => {
    const r = await cli('--title', 'Build finished', '--body', 'main is green', '--priority', 'timeSensitive');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('notify ok\n');
    expect((await desktop.history())[0]).toMatchObject({ appname: 'Notify Node', summary: 'Build finished', body: 'main is green', timeout: seconds(URGENCY_TIMEOUT_S.critical) });
  });

  it.each([
    ['passive', URGENCY_TIMEOUT_S.low],
    ['active', URGENCY_TIMEOUT_S.normal],
    [undefined, URGENCY_TIMEOUT_S.normal],
  ])('maps priority %s to its urgency', async (priority, timeout) => {
    const res = await invoke({ title: `priority ${priority}`, body: 'b', ...(priority === undefined ? {} : { priority }) });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((await desktop.history())[0]).toMatchObject({ summary: `priority ${priority}`, timeout: seconds(timeout) });
  });

  it('sends a body as text: markup a daemon would render (links, images) arrives escaped', async () => {
    const body = 'see <a href="file:///etc/shadow">this</a> & <img src="/etc/passwd"/>';
    expect((await invoke({ title: 'markup', body })).status).toBe(200);
    const drawn = (await desktop.history())[0].message;
    expect(drawn).toContain('see &lt;a href="file:///etc/shadow"&gt;this&lt;/a&gt; &amp; &lt;img src="/etc/passwd"/&gt;');
    expect(drawn).not.toMatch(/<a |<img /);
  });

  it('refuses an empty notification, an oversized title or body and unknown choices before anything is shown', async () => {
    const before = (await desktop.history()).length;
    expect((await invoke({ title: '  ', body: '' })).json.error).toMatchObject({ details: { nodeError: { code: 'INVALID_REQUEST', message: expect.stringContaining('empty notification') } } });
    expect((await invoke({ title: 'x'.repeat(257) })).json.error.message).toContain('title is longer than 256 characters');
    expect((await invoke({ body: 'x'.repeat(4_097) })).json.error.message).toContain('body is longer than 4096 characters');
    expect((await invoke({ title: 't', priority: 'urgent' })).json.error.message).toContain('priority must be passive, active or timeSensitive');
    expect((await desktop.history()).length).toBe(before);
    const missing = await cli();
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing --title or --body');
    const badChoice = await cli('--title', 't', '--delivery', 'popup');
    expect(badChoice.stderr).toContain('invalid --delivery: popup (expected system|overlay|auto)');
  });

  it('refuses overlay delivery with the reason on a node host without a canvas window', async () => {
    const r = await cli('--title', 'overlay', '--delivery', 'overlay');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nodes notify failed: UNAVAILABLE: overlay delivery: no canvas window on this node host');
  });

  it('reports the notifications permission in nodes describe', async () => {
    const described = await api(`/v1/nodes/${nodeId}`);
    expect(described.json.permissions).toMatchObject({ notifications: true });
  });

  it('shows notifications: false while the daemon is gone and true once it is back, without reconnecting', async () => {
    const connects = () => (node.output().match(/connected to ws:/g) ?? []).length;
    const before = connects();
    const url = `ws://127.0.0.1:${port}`;
    const described = async () => JSON.parse(await ourCli(['nodes', 'describe', '--url', url, '--node', 'Notify Node', '--json'], env(gwDir.path)));
    const listed = async () => JSON.parse(await ourCli(['nodes', 'status', '--url', url, '--json'], env(gwDir.path))).nodes.find((n: { nodeId: string }) => n.nodeId === nodeId);
    await desktop.stopDunst();
    await poll(async () => ((await described()).permissions.notifications === false ? true : undefined), 'nodes describe showing notifications: false', { timeoutMs: 30_000 });
    expect((await listed()).permissions).toMatchObject({ notifications: false });
    expect((await api(`/v1/nodes/${nodeId}`)).json.permissions).toMatchObject({ notifications: false });
    await desktop.startDunst();
    await poll(async () => ((await described()).permissions.notifications === true ? true : undefined), 'nodes describe showing notifications: true', { timeoutMs: 30_000 });
    expect((await listed()).permissions).toMatchObject({ notifications: true });
    expect((await api(`/v1/nodes/${nodeId}`)).json.permissions).toMatchObject({ notifications: true });
    expect(connects()).toBe(before);
  });

  it('answers UNAVAILABLE naming the bus and the missing service once the daemon is gone, and works again when it is back', async () => {
    await desktop.stopDunst();
    const res = await invoke({ title: 'nobody listens', delivery: 'auto' });
    expect(res.status).toBe(503);
    expect(res.json.error.details.nodeError.code).toBe('UNAVAILABLE');
    expect(res.json.error.message).toContain(`no notification service (org.freedesktop.Notifications) on the session bus (${desktop.address})`);
    expect(res.json.error.message).toContain('the overlay failed too: overlay delivery: no canvas window');
    await desktop.startDunst();
    expect((await invoke({ title: 'back again' })).status).toBe(200);
    expect((await desktop.history())[0].summary).toBe('back again');
  });

  it('refuses a flood past maxPerMinute with UNAVAILABLE, and the desktop shows none of the refused ones', async () => {
    // The tests above showed fewer than 15; whatever their timing, the 16th of any minute is refused.
    let refused: any;
    for (let i = 0; i < 16 && refused === undefined; i++) {
      const res = await invoke({ title: `flood ${i}` });
      if (res.status !== 200) refused = res;
    }
    expect(refused?.json.error.message).toBe('UNAVAILABLE: this node shows at most 15 notifications a minute (plugins.options.notify.maxPerMinute); try again later');
    expect((await invoke({ title: 'one more' })).status).toBe(503);
    expect((await desktop.history()).map((n) => n.summary)).not.toContain('one more');
  });
});
