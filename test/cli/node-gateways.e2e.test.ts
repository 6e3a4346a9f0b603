import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../support/paths.js';
import { runCli } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { readSystemdUnit } from '../support/systemd-unit-reader.js';
import { tempDir } from '../support/temp-dir.js';
import { NAME, servedOn, startGateways, startNodeHost } from '../node/failover-kit.js';

const PIN = Array.from({ length: 32 }, (_, i) => (i * 5).toString(16).padStart(2, '0').toUpperCase()).join(':');
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A node machine: its own state dir, no service manager reachable. */
function machine() {
  const dir = tempDir('oc-node-gateways-');
  cleanups.push(dir.cleanup);
  const state = join(dir.path, 'state');
  for (const sub of ['state', 'runtime', 'config']) mkdirSync(join(dir.path, sub), { mode: 0o700 });
  const env = { PATH: process.env.PATH, HOME: dir.path, XDG_CONFIG_HOME: join(dir.path, 'config'), XDG_RUNTIME_DIR: join(dir.path, 'runtime'), OPENCLAW_STATE_DIR: state };
  return { root: dir.path, state, env, cli: (args: string[]) => runCli(args, env) };
}

/** The service command's arguments after the `openclaw` script (node and its own flags come first). */
const afterBin = (argv: string[]): string[] => argv.slice(argv.indexOf(BIN) + 1);
const command = (stdout: string): string[] => afterBin(JSON.parse(stdout).service.command);

describe('several gateway addresses on the command line, in node.json and in status', () => {
  it('refuses a list no node could use with a message naming the entry, before doing anything', async () => {
    const m = machine();
    const cases: Array<[string[], RegExp]> = [
      [['--host', 'gw1,,gw2'], /node run failed: empty gateway address in --host/],
      [['--host', Array.from({ length: 17 }, (_, i) => `gw${i}`).join(',')], /17 gateway addresses given; at most 16 are allowed/],
      [['--host', 'gw1:70000'], /invalid port in gateway address "gw1:70000": expected 1-65535/],
      [['--url', 'ws://gw1:1', '--url', 'http://gw2:2'], /invalid --url "http:\/\/gw2:2"/],
      [['--url', 'ws://gw1:1', '--tls-fingerprint', PIN], /"ws:\/\/gw1:1" is plaintext ws:\/\/; use wss:\/\//],
    ];
    for (const [args, message] of cases) {
      const r = await m.cli(['node', 'run', ...args]);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 1, stderr: expect.stringMatching(message) });
    }
    const install = await m.cli(['node', 'install', '--host', 'gw1,,gw2', '--dry-run']);
    expect(install).toMatchObject({ code: 1, stderr: expect.stringMatching(/node install failed: empty gateway address/) });
  });

  it('installs a service whose command line names every address (systemd-analyze accepts it), one pin for all', async () => {
    const m = machine();
    const dry = await m.cli(['node', 'install', '--host', 'gw1,gw2:18790,[fd00::7]:18791', '--url', 'wss://gw4.example:8443', '--tls-fingerprint', PIN, '--dry-run', '--json']);
    expect(command(dry.stdout)).toEqual(['node', 'run', '--url', 'wss://gw1:18789', '--url', 'wss://gw2:18790', '--url', 'wss://[fd00::7]:18791', '--url', 'wss://gw4.example:8443', '--tls-fingerprint', PIN]);
    const r = await m.cli(['node', 'install', '--host', 'gw1,[fd00::7]:18791', '--port', '18800', '--display-name', NAME]);
    expect(r.code).toBe(2);
    const unitFile = join(m.root, 'config', 'systemd', 'user', 'openclaw-node.service');
    expect(afterBin(readSystemdUnit(unitFile).command)).toEqual(['node', 'run', '--url', 'ws://gw1:18800', '--url', 'ws://[fd00::7]:18791', '--display-name', NAME]);
    const verify = await promisify(execFile)('systemd-analyze', ['verify', '--user', '--man=no', unitFile], { env: m.env });
    expect(verify.stderr).toBe('');
  });

  it('saves the list in node.json, each address with the gateway identity it proved, and that identity holding the device token; a run without flags uses it; status shows which one is connected', async () => {
    const m = machine();
    const gws = await startGateways(m.root, 2);
    for (const gw of gws) cleanups.push(gw.proc.stop);
    const first = await startNodeHost(m.state, ['--host', gws.map((g) => g.entry).join(',')], m.env);
    cleanups.push(first.stop);
    await servedOn(gws[0]!, 'the node serving on the first gateway');
    await poll(async () => (JSON.parse((await m.cli(['status', '--json'])).stdout).node.process.status === 'connected' ? true : undefined), 'status showing the node connected');
    const human = (await m.cli(['status'])).stdout;
    expect(human).toContain(`  Gateways (in failover order):\n    ${gws[0]!.url} <- connected (paired)\n    ${gws[1]!.url}\n`);
    await first.stop();

    const saved = JSON.parse(readFileSync(join(m.state, 'node.json'), 'utf8'));
    expect(saved.gateways).toEqual([
      { host: '127.0.0.1', port: gws[0]!.port, tls: false, gatewayId: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { host: '127.0.0.1', port: gws[1]!.port, tls: false },
    ]);
    // The token is kept under the identity the first gateway proved.
    expect(saved.identities).toEqual({ [saved.gateways[0].gatewayId]: expect.any(String) });
    // Without flags and without the shared token: the saved list, and the device token of
    // the first address sent to that address.
    const again = await startNodeHost(m.state, [], { ...m.env, OPENCLAW_GATEWAY_TOKEN: undefined });
    cleanups.push(again.stop);
    expect(again.output()).toContain(`connected to ${gws[0]!.url}`);
    const s = JSON.parse((await m.cli(['status', '--json'])).stdout);
    expect(s.node.gateways).toEqual([
      { host: '127.0.0.1', port: gws[0]!.port, tls: false, paired: true },
      { host: '127.0.0.1', port: gws[1]!.port, tls: false, paired: false },
    ]);
    expect(s.node.process).toMatchObject({ running: true, url: gws[0]!.url, gateways: gws.map((g) => g.url) });
  }, 60_000);

  it('reads a node.json written before several gateways (one gateway and its token) and keeps that token for that address', async () => {
    const m = machine();
    const [gw] = await startGateways(m.root, 1);
    cleanups.push(gw!.proc.stop);
    const first = await startNodeHost(m.state, ['--host', gw!.entry], m.env);
    await servedOn(gw!, 'the node serving');
    await first.stop();
    const current = JSON.parse(readFileSync(join(m.state, 'node.json'), 'utf8'));
    // What a node host before several gateways (and before gateway identities) wrote.
    const { gateways: _list, identities: _ids, ...legacy } = current;
    writeFileSync(join(m.state, 'node.json'), JSON.stringify(legacy));
    expect(legacy).toMatchObject({ gateway: { host: '127.0.0.1', port: gw!.port, tls: false }, token: Object.values(current.identities)[0] });
    // Only the device token can let it in: no shared token in its environment.
    const again = await startNodeHost(m.state, [], { ...m.env, OPENCLAW_GATEWAY_TOKEN: undefined });
    cleanups.push(again.stop);
    expect(again.output()).toContain(`connected to ${gw!.url}`);
  }, 60_000);
});
