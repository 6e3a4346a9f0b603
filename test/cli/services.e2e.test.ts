import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { readEnvFile, readSystemdUnit } from '../support/systemd-unit-reader.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'services-e2e-token';
const NAME = 'Build 100% "$HOME" Node';
const stops: Array<() => Promise<void> | void> = [];
let root: string;
let port: number;
let env: NodeJS.ProcessEnv;
let gwEnv: NodeJS.ProcessEnv;

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const unitPath = (kind: string) => join(root, 'config', 'systemd', 'user', `openclaw-${kind}.service`);

beforeAll(async () => {
  const dir = tempDir('oc-services-');
  stops.push(dir.cleanup);
  root = dir.path;
  for (const sub of ['home', 'config', 'runtime', 'state dir', 'gateway']) mkdirSync(join(root, sub));
  // An empty runtime dir and no session bus: `systemctl --user` reaches no manager, on any machine.
  env = {
    PATH: process.env.PATH,
    HOME: join(root, 'home'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_RUNTIME_DIR: join(root, 'runtime'),
    OPENCLAW_STATE_DIR: join(root, 'state dir'),
    OPENCLAW_GATEWAY_TOKEN: TOKEN,
  };
  writeFileSync(join(root, 'gateway', 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN }, nodes: { pairing: { autoApproveLocal: false } } } }), { mode: 0o600 });
  port = await freePort();
  gwEnv = { ...env, OPENCLAW_STATE_DIR: join(root, 'gateway') };
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], gwEnv, /listening on/);
  stops.push(gateway.stop);
  await gateway.started;
}, 60_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('node and gateway services (systemd user units)', () => {
  it('install --dry-run prints the unit and where it goes, and writes nothing', async () => {
    const r = await runCli(['node', 'install', '--port', String(port), '--dry-run'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Would write ${unitPath('node')}:`);
    expect(r.stdout).toMatch(/^ExecStart=.*"node" "run"/m);
    expect(r.stdout).not.toContain(TOKEN);
    expect(filesUnder(root).filter((f) => !f.startsWith('gateway'))).toEqual([]);
  });

  it('puts --tls and a pinned fingerprint on the command line, and refuses values no unit can carry before writing anything', async () => {
    const pin = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
    const r = await runCli(['node', 'install', '--host', 'gw.lan', '--tls-fingerprint', pin, '--dry-run', '--json'], env);
    expect(JSON.parse(r.stdout).service.command.slice(1)).toEqual(['--max-semi-space-size=2', BIN, 'node', 'run', '--host', 'gw.lan', '--port', '18789', '--tls', '--tls-fingerprint', pin]);
    const badPin = await runCli(['node', 'install', '--tls-fingerprint', 'abc'], env);
    expect(badPin).toMatchObject({ code: 1, stderr: expect.stringMatching(/^node install failed: --tls-fingerprint must be a SHA-256 fingerprint/) });
    const newline = await runCli(['node', 'install', '--display-name', 'a\nExecStartPre=/bin/false'], env);
    expect(newline).toMatchObject({ code: 1, stderr: expect.stringContaining('contains a control character, which a systemd unit cannot hold') });
    const quoteToken = await runCli(['node', 'install', '--token', "it's"], env);
    expect(quoteToken).toMatchObject({ code: 1, stderr: expect.stringContaining('OPENCLAW_GATEWAY_TOKEN holds a quote') });
    expect(filesUnder(root).filter((f) => !f.startsWith('gateway'))).toEqual([]);
  });

  it('writes units that systemd-analyze accepts (the gateway\'s with --tls), the token only in a 0600 env file, and says no manager could start it (exit 2)', async () => {
    const r = await runCli(['node', 'install', '--port', String(port), '--display-name', NAME], env);
    expect(r.stderr).toMatch(/no systemd user service manager is running here.*\n.*not enabled or started \(exit 2\).*systemctl --user daemon-reload && systemctl --user enable --now openclaw-node\.service/);
    expect(r.code).toBe(2);
    const unit = readSystemdUnit(unitPath('node'));
    expect(unit.text).not.toContain(TOKEN);
    expect(unit.text).toMatch(/^Restart=on-failure$/m);
    // glibc's fixed mmap threshold (HOST_GLIBC_TUNABLES) rides in the unit beside the state dir.
    expect(unit.environment).toEqual({ OPENCLAW_STATE_DIR: env.OPENCLAW_STATE_DIR, GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072' });
    expect(unit.envFile).toBe(join(env.OPENCLAW_STATE_DIR!, 'openclaw-node.env'));
    expect(statSync(unit.envFile).mode & 0o777).toBe(0o600);
    expect(readEnvFile(unit.envFile)).toEqual({ OPENCLAW_GATEWAY_TOKEN: TOKEN });
    for (const kind of ['node', 'gateway']) {
      if (kind === 'gateway') {
        expect((await runCli(['gateway', 'install', '--port', '18999', '--bind', 'loopback', '--tls'], env)).code).toBe(2);
        const { command } = readSystemdUnit(unitPath('gateway'));
        expect(command).toEqual([process.execPath, '--max-semi-space-size=2', BIN, 'gateway', 'run', '--port', '18999', '--bind', 'loopback', '--tls']);
        // With the unit's node flags, this node keeps the young generation at 2 MiB semi-spaces (16 MiB without) however much is allocated.
        const youngGeneration = 'const a = []; for (let i = 0; i < 300000; i++) a.push({ i }); console.log(require("v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size)';
        const run = await promisify(execFile)(command[0], [...command.slice(1, command.indexOf(BIN)), '-e', youngGeneration]);
        expect(Number(run.stdout)).toBeLessThanOrEqual(4 * 1024 * 1024);
      }
      const verify = await promisify(execFile)('systemd-analyze', ['verify', '--user', '--man=no', unitPath(kind)], { env });
      expect({ kind, stderr: verify.stderr }).toEqual({ kind, stderr: '' });
    }
  });

  it("the unit's exact command line connects to a real gateway, waits for approval (shown by openclaw status on both machines), and serves once approved", async () => {
    const unit = readSystemdUnit(unitPath('node'));
    const [program, ...args] = unit.command;
    // As systemd starts it: the unit's variables and env file, HOME and PATH, nothing else.
    const serviceEnv = { PATH: env.PATH, HOME: env.HOME, ...unit.environment, ...readEnvFile(unit.envFile) };
    const node = startProcess(program, args, serviceEnv, /waiting for approval/);
    stops.push(node.stop);
    await node.started;
    const requestId = /openclaw nodes approve (\S+)`/.exec(node.output())![1];
    const code = /verification code (\d{4}-\d{4})/.exec(node.output())![1];

    const nodeSide = JSON.parse((await runCli(['status', '--json'], env)).stdout);
    expect(nodeSide.node).toMatchObject({ pairing: 'waiting-approval', approveCommand: `openclaw nodes approve ${requestId} --code ${code}`, process: { running: true, status: 'waiting-approval', url: `ws://127.0.0.1:${port}` } });
    expect(nodeSide.services.node).toMatchObject({ installed: true, file: unitPath('node'), error: { code: 'SERVICE_MANAGER_UNAVAILABLE' } });
    expect(nodeSide.plugins).toMatchObject({ from: 'running node host', list: [expect.objectContaining({ name: 'system', status: 'ok' })] });
    const gwSide = JSON.parse((await runCli(['status', '--json'], { ...gwEnv, OPENCLAW_GATEWAY_TOKEN: undefined })).stdout);
    expect(gwSide.gateway).toMatchObject({ configured: true, listening: true, url: `ws://127.0.0.1:${port}`, tlsFingerprint: null, pendingRequests: 1 });
    expect(gwSide.config).toEqual({ path: join(root, 'gateway', 'openclaw.json'), source: 'state-dir', problems: [] });

    const pending = JSON.parse((await runCli(['nodes', 'pending', '--json', '--url', `ws://127.0.0.1:${port}`], env)).stdout);
    expect(pending).toEqual([expect.objectContaining({ requestId, displayName: NAME })]);
    expect((await runCli(['nodes', 'approve', requestId, '--url', `ws://127.0.0.1:${port}`], env)).code).toBe(0);
    const which = await poll(async () => {
      const r = await runCli(['nodes', 'invoke', '--url', `ws://127.0.0.1:${port}`, '--node', NAME, '--command', 'system.which', '--params', '{"bins":["sh"]}'], env);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    }, 'the approved service node answering');
    expect(which).toMatchObject({ ok: true, payload: { bins: { sh: expect.stringMatching(/\/sh$/) } } });
    const after = await poll(async () => {
      const s = JSON.parse((await runCli(['status', '--json'], env)).stdout);
      return s.node.process.status === 'connected' ? s : undefined;
    }, 'status showing the node connected');
    expect(after.node).toMatchObject({ pairing: 'paired', gateway: { host: '127.0.0.1', port }, displayName: NAME });
    const human = (await runCli(['status'], gwEnv)).stdout;
    expect(human).toMatch(/Connected nodes: 1\n\s+Pending requests: 0/);
    await node.stop();
  });

  it('refuses a second install without --force with the reinstall hint; --force rewrites it', async () => {
    const again = await runCli(['node', 'install', '--port', String(port)], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`node install failed: Node service already installed (${unitPath('node')}).\nReinstall with: openclaw node install --force\n`);
    const forced = await runCli(['node', 'install', '--port', String(port), '--host', 'localhost', '--force', '--json'], env);
    expect(forced.code).toBe(2);
    expect(JSON.parse(forced.stdout).service).toMatchObject({ started: false, notStarted: { code: 'SERVICE_MANAGER_UNAVAILABLE' } });
    expect(readSystemdUnit(unitPath('node')).command).toEqual([process.execPath, '--max-semi-space-size=2', BIN, 'node', 'run', '--host', 'localhost', '--port', String(port)]);
  });

  it.each(['start', 'stop', 'restart', 'status'])('node %s says plainly that no service manager runs here and exits 1', async (operation) => {
    const r = await runCli(['node', operation], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^node ${operation} failed: no systemd user service manager is running here`));
    if (operation === 'status') expect(r.stdout).toContain(`Service file: ${unitPath('node')}`);
    // The JSON form fails alike: exit 1 and the error where every command puts it.
    const json = await runCli(['node', operation, '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'SERVICE_MANAGER_UNAVAILABLE' } });
  });

  it('uninstall removes every file it wrote and succeeds again when nothing is left', async () => {
    for (const kind of ['node', 'gateway']) {
      const first = await runCli([kind, 'uninstall', '--json'], env);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout).service.removed).toHaveLength(2);
      const second = await runCli([kind, 'uninstall'], env);
      expect(second).toMatchObject({ code: 0, stdout: `${kind === 'node' ? 'Node' : 'Gateway'} service not installed; nothing to remove.\n` });
    }
    // The node's own state (identity, node.json) stays; nothing of the services does.
    expect(filesUnder(root).filter((f) => !f.startsWith('gateway'))).toEqual(['state dir/identity/device.json', 'state dir/node.json']);
    const start = await runCli(['node', 'start'], env);
    expect(start.stderr).toMatch(/^node start failed: Node service not installed/);
  });
});
