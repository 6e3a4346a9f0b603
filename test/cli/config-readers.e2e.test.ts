import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { logLines } from '../support/log-lines.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

const SECRET = 'gateway-secret-from-env';
const stops: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

/** A state dir holding this openclaw.json, removed after the file's tests. */
function stateDirWith(config: unknown): string {
  const dir = tempDir('oc-readers-');
  stops.push(dir.cleanup);
  writeFileSync(join(dir.path, 'openclaw.json'), typeof config === 'string' ? config : JSON.stringify(config), { mode: 0o600 });
  return dir.path;
}

const envFor = (stateDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENCLAW_'))),
  OPENCLAW_STATE_DIR: stateDir,
  NO_COLOR: '1',
  ...extra,
});

describe('config readers: gateway and node host processes', () => {
  it('the gateway takes its token from ${VAR}; a node host with an OpenClaw-only key starts and warns once', async () => {
    const port = await freePort();
    const gwState = stateDirWith('{ gateway: { auth: { token: "${GW_SECRET}" } } }');
    const gwEnv = envFor(gwState, { GW_SECRET: SECRET });
    const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], gwEnv, /listening on/);
    stops.push(gateway.stop);
    await gateway.started;

    const nodeState = stateDirWith({ nodeHost: { browserProxy: { enabled: true } }, nodes: { displayName: 'Compat Node' } });
    shareLocalProof(gwState, nodeState);
    const node = startProcess(
      process.execPath,
      [BIN, 'node', 'run', '--port', String(port)],
      envFor(nodeState, { OPENCLAW_GATEWAY_TOKEN: SECRET }),
      // Either line comes only after the gateway accepted the token.
      /connected to|waiting for approval/,
    );
    stops.push(node.stop);
    await node.started;
    const warning = `${join(nodeState, 'openclaw.json')} has OpenClaw settings this product does not use; ignoring nodeHost.`;
    const warnings = logLines(node.output()).filter((line) => line.msg.includes('OpenClaw settings'));
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', name: 'node-host', msg: warning })]);

    const status = await runCli(['nodes', 'status', '--json', '--url', `ws://127.0.0.1:${port}`], envFor(stateDirWith({}), { OPENCLAW_GATEWAY_TOKEN: SECRET }));
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).nodes).toEqual([expect.objectContaining({ displayName: 'Compat Node' })]);
    expect(gateway.output()).not.toContain(SECRET);
    expect(node.output()).not.toContain(SECRET);
  }, 60_000);

  it('a node host refuses a misspelt key with a suggestion, before connecting anywhere', async () => {
    const result = await runCli(['node', 'run', '--port', '9'], envFor(stateDirWith({ gatway: {} })));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('- gatway: unknown key (did you mean "gateway"?)');
  });

  it('a node host starts when an unset ${VAR} is referenced only by an OpenClaw setting it ignores', async () => {
    const nodeState = stateDirWith({ channels: { telegram: { botToken: '${TG_BOT_TOKEN}' } } });
    // Port 9 refuses: the host is up and retrying, having read its config.
    const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', '9'], envFor(nodeState), /retrying/);
    stops.push(node.stop);
    await node.started;
    expect(node.output()).toContain('ignoring channels.');
    expect(node.output()).not.toContain('TG_BOT_TOKEN');
  });

  it('a node host refuses a ${VAR} reference to an unset variable, naming the key', async () => {
    const result = await runCli(['node', 'run', '--port', '9'], envFor(stateDirWith({ nodes: { displayName: '${NODE_NAME}' } })));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Config key nodes.displayName');
    expect(result.stderr).toContain('the environment variable NODE_NAME is not set');
  });
});
