import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Plugin code that fails while a host loads it: imports that never settle, a path to a device,
 * an `available()` throwing what no String() can print, a set refused as a whole. Every host
 * (`plugins list`, `node run`, `gateway run`, the CLI's plugin commands) reports it with a
 * code and goes on, or stops with that code; none hangs or dies with Node's exit 13.
 */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/hostile-loading/${name}`, import.meta.url));
const dirs: Array<ReturnType<typeof tempDir>> = [];
const stops: Array<() => Promise<void>> = [];
const START_TIMEOUT_MS = 1_500;

/** A state dir whose openclaw.json has this `plugins` section. */
function machine(plugins: unknown): NodeJS.ProcessEnv {
  const dir = tempDir('oc-hostile-loading-');
  dirs.push(dir);
  writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: 'hostile-loading-token' } }, plugins }), { mode: 0o600 });
  return { ...process.env, OPENCLAW_STATE_DIR: dir.path, OPENCLAW_GATEWAY_TOKEN: 'hostile-loading-token' };
}

afterAll(async () => {
  for (const stop of stops) await stop();
  for (const dir of dirs) dir.cleanup();
});

const hanging = { load: [fixture('never-settles'), fixture('one-hour-timer'), '/dev/zero', fixture('unavailable-null-prototype')], startTimeoutMs: START_TIMEOUT_MS };
const notLoadedInTime = expect.stringContaining(`did not finish loading within ${START_TIMEOUT_MS} ms`);

describe('imports that never settle, a device as a plugin path, and an available() throwing a null-prototype object', () => {
  it('`plugins list` reports each with its code and exits 0', async () => {
    const listed = await runCli(['plugins', 'list', '--json'], machine(hanging));
    expect(listed.code).toBe(0);
    const entries = JSON.parse(listed.stdout).filter((e: { enabled: boolean }) => e.enabled);
    expect(entries).toEqual([
      { name: 'system', version: expect.any(String), status: 'ok', source: 'built-in', enabled: true },
      { name: 'nullproto', version: '0.0.1', status: 'failed', code: 'PLUGIN_START_FAILED', message: 'plugin "nullproto" failed to start: a thrown object that cannot be printed', source: 'path', enabled: true },
      { name: fixture('never-settles'), version: '0.0.1', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: notLoadedInTime, source: 'path', enabled: true },
      { name: fixture('one-hour-timer'), version: '0.0.1', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: notLoadedInTime, source: 'path', enabled: true },
      { name: '/dev/zero', version: '', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: 'plugin "/dev/zero" cannot be loaded: /dev/zero is not a regular file', source: 'path', enabled: true },
    ]);
  });

  it('`node run` drops them with their codes and goes on to connect', async () => {
    const port = await freePort();
    // Nothing listens on the port: the node gets past its plugins when it tries to connect.
    const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port)], machine(hanging), /ws:\/\/127\.0\.0\.1:\d+/);
    stops.push(node.stop);
    await node.started;
    const output = node.output();
    expect(output).toContain(`optional plugin \\"${fixture('never-settles')}\\" dropped: plugin \\"${fixture('never-settles')}\\" (${fixture('never-settles')}/index.js) did not finish loading within ${START_TIMEOUT_MS} ms`);
    expect(output).toContain('/dev/zero is not a regular file');
    expect(output).toContain('a thrown object that cannot be printed');
    expect(node.child.exitCode).toBeNull();
  });

  it('`gateway run` refuses to start with PLUGIN_LOAD_FAILED instead of hanging', async () => {
    const gateway = await runCli(['gateway', 'run', '--port', String(await freePort())], machine({ load: [fixture('never-settles')], startTimeoutMs: START_TIMEOUT_MS }), 60_000);
    expect(gateway.code).not.toBeNull();
    expect(gateway.code).not.toBe(0);
    expect(gateway.code).not.toBe(13);
    expect(`${gateway.stdout}${gateway.stderr}`).toContain(`did not finish loading within ${START_TIMEOUT_MS} ms`);
  });

  it('`nodes --help` skips a plugin CLI entry that never finishes loading, with a warning', async () => {
    const help = await runCli(['nodes', '--help'], machine({ load: [fixture('cli-never-settles')] }), 60_000);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('invoke');
    expect(help.stderr).toContain(`the plugin CLI entry (${fixture('cli-never-settles')}/cli.js) did not finish loading within 5000 ms`);
  });
});

describe('a plugin set refused as a whole', () => {
  it('`plugins list` lists every enabled plugin with the problem instead of only failing', async () => {
    const listed = await runCli(['plugins', 'list', '--json'], machine({ load: [fixture('claims-system-run')] }));
    expect(listed.code).toBe(0);
    const conflict = { status: 'failed', code: 'PLUGIN_COMMAND_CONFLICT', message: expect.stringContaining('command "system.run" is claimed by both plugin "system" and plugin "claimer"') };
    expect(JSON.parse(listed.stdout).filter((e: { enabled: boolean }) => e.enabled)).toEqual([
      { name: 'system', version: expect.any(String), ...conflict, source: 'built-in', enabled: true },
      { name: 'claimer', version: '0.0.1', ...conflict, source: 'path', enabled: true },
    ]);
  });
});
