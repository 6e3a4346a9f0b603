import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { logLines } from '../support/log-lines.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof, trustLocalProofOf } from '../support/local-proof.js';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

/** A clean environment (no OPENCLAW_* from the runner) with its own state dir. */
function envWith(extra: NodeJS.ProcessEnv = {}): { env: NodeJS.ProcessEnv; stateDir: string } {
  const dir = tempDir('oc-logging-');
  stops.push(dir.cleanup);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENCLAW_')));
  return { env: { ...inherited, OPENCLAW_STATE_DIR: dir.path, ...extra }, stateDir: dir.path };
}

/** A long-running command, stopped after the test; `exited` is its whole output once it has ended. */
function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const proc = startProcess(process.execPath, [BIN, ...args], env, ready);
  stops.push(proc.stop);
  const exited = new Promise<string>((resolve) => proc.child.once('exit', () => resolve(proc.output())));
  return { ...proc, exited };
}

/** A gateway on a free port with the given token arguments, and a node host connected to it, both at trace. */
async function gatewayAndNode(gatewayArgs: string[], gatewayEnv: NodeJS.ProcessEnv, token: string) {
  const port = await freePort();
  const gatewayMachine = envWith(gatewayEnv);
  const gateway = start(['gateway', 'run', '--port', String(port), ...gatewayArgs], gatewayMachine.env, /listening on/);
  await gateway.started;
  const nodeEnv = envWith({ OPENCLAW_GATEWAY_TOKEN: token, OPENCLAW_LOG_LEVEL: 'trace' });
  shareLocalProof(gatewayMachine.stateDir, nodeEnv.stateDir);
  const node = start(['node', 'run', '--port', String(port), '--display-name', 'Log Node'], nodeEnv.env, /connected to ws:/);
  await node.started;
  await poll(async () => (gateway.output().includes('node connected') ? true : undefined), 'the gateway logging the node');
  const cliEnv = envWith({ OPENCLAW_GATEWAY_TOKEN: token }).env;
  const cli = (...args: string[]) => runCli([...args, '--url', `ws://127.0.0.1:${port}`], cliEnv);
  // Approve the node's commands, then run one: a node, an operator and an invoke for the hosts to log.
  await poll(async () => {
    for (const p of JSON.parse((await cli('nodes', 'pending', '--json')).stdout) as Array<{ requestId: string }>) await cli('nodes', 'approve', p.requestId);
    return (await cli('nodes', 'invoke', '--node', 'Log Node', '--command', 'system.which', '--params', '{"bins":["sh"]}')).code === 0 ? true : undefined;
  }, 'system.which answering');
  const deviceToken = (JSON.parse(readFileSync(join(nodeEnv.stateDir, 'node.json'), 'utf8')) as { token?: string }).token;
  expect(deviceToken).toEqual(expect.any(String));
  await Promise.all([gateway.stop(), node.stop()]);
  return { gateway: await gateway.exited, node: await node.exited, deviceToken: deviceToken! };
}

describe('host logging', () => {
  it('gateway run and node run off a terminal write JSON lines with level, time and msg', async () => {
    const token = 'flag-token-5d0c2e7a91';
    const out = await gatewayAndNode(['--token', token], {}, token);
    const gateway = logLines(out.gateway);
    expect(gateway[0]).toMatchObject({ level: 'info', name: 'gateway', msg: expect.stringMatching(/^listening on ws:\/\/127\.0\.0\.1:\d+ \(bind loopback/) });
    expect(new Date(gateway[0]!.time).toISOString()).toBe(gateway[0]!.time);
    expect(gateway).toContainEqual(expect.objectContaining({ level: 'info', event: 'node.connected', displayName: 'Log Node', msg: 'node connected: Log Node' }));
    expect(gateway).toContainEqual(expect.objectContaining({ level: 'info', msg: 'SIGTERM: stopping' }));
    // The default level is info: the invoke (logged at debug) is not.
    expect(gateway.some((line) => line.level === 'debug')).toBe(false);
    const node = logLines(out.node);
    expect(node).toContainEqual(expect.objectContaining({ level: 'info', name: 'node-host', msg: expect.stringMatching(/^connected to ws:\/\/127\.0\.0\.1:\d+ as node [0-9a-f]{64}$/) }));
    expect(node).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^commands: .*system\.which/) }));
  }, 60_000);

  for (const [how, args, env] of [
    ['--token', ['--token', 'flag-token-8c41f0b2e6', '--log-level', 'trace'], {}],
    ['OPENCLAW_GATEWAY_TOKEN', [], { OPENCLAW_GATEWAY_TOKEN: 'env-token-3e9a77d1c0', OPENCLAW_LOG_LEVEL: 'trace' }],
  ] as const) {
    it(`writes neither the gateway token (by ${how}) nor the device token, even at trace`, async () => {
      const token = how === '--token' ? args[1]! : env.OPENCLAW_GATEWAY_TOKEN!;
      const out = await gatewayAndNode([...args], { ...env }, token);
      // Trace shows what each host did, so there was something to leak.
      expect(logLines(out.gateway)).toContainEqual(expect.objectContaining({ level: 'debug', event: 'node.invoke.finished' }));
      for (const text of [out.gateway, out.node]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(out.deviceToken);
      }
    }, 60_000);
  }

  it("keeps a node's display name from forging a gateway log line", async () => {
    const token = 'flag-token-0b7e19c4d2';
    const port = await freePort();
    const machine = envWith();
    const gateway = start(['gateway', 'run', '--port', String(port), '--token', token], machine.env, /listening on/);
    await gateway.started;
    // The raw node is on the gateway's machine: it pairs silently and so gets as far as the log.
    trustLocalProofOf(machine.stateDir);
    const forged = `Desk\n{"level":"info","time":"2026-01-01T00:00:00.000Z","name":"gateway","msg":"pairing approved: attacker"}\n\u009b2J`;
    const node = await RawClient.open(`ws://127.0.0.1:${port}`);
    stops.push(() => node.close());
    node.send(nodeConnect(await node.challenge(), { token, displayName: forged }));
    await node.next((f) => f.type === 'res' && f.ok);
    await poll(async () => (gateway.output().includes('node connected') ? true : undefined), 'the gateway logging the node');
    await gateway.stop();
    const lines = logLines(await gateway.exited);
    expect(lines.filter((line) => line.msg.startsWith('pairing approved: attacker'))).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'node.connected', displayName: forged, msg: `node connected: ${forged}` }));
    expect(await gateway.exited).not.toContain('\u009b');
  }, 60_000);

  /** A gateway with no token configured: it warns that it generated one, then logs at info that it listens. */
  async function quietGateway(args: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
    const port = await freePort();
    const gateway = start(['gateway', 'run', '--port', String(port), ...args], envWith(env).env, /no gateway token was configured/);
    await gateway.started;
    await poll(async () => ((await fetch(`http://127.0.0.1:${port}/health`)).ok ? true : undefined), 'the gateway answering /health');
    // At info the gateway is done starting once it says it listens; stopping it before that
    // line would test the race, not the level.
    if (args.includes('info')) await poll(() => (gateway.output().includes('listening on') ? true : undefined), 'the gateway logging that it listens');
    await gateway.stop();
    return logLines(await gateway.exited).map((line) => `${line.level}: ${line.msg.replace(/ in .*/, '')}`);
  }

  it('--log-level warn and OPENCLAW_LOG_LEVEL=warn leave out info lines; the flag wins over the variable', async () => {
    const warnOnly = ['warn: no gateway token was configured: generated one and saved it as gateway.auth.token'];
    expect(await quietGateway(['--log-level', 'warn'], {})).toEqual(warnOnly);
    expect(await quietGateway([], { OPENCLAW_LOG_LEVEL: 'warn' })).toEqual(warnOnly);
    const info = await quietGateway(['--log-level', 'info'], { OPENCLAW_LOG_LEVEL: 'error' });
    expect(info).toEqual([...warnOnly, expect.stringMatching(/^info: listening on ws:/), 'info: SIGTERM: stopping']);
  }, 60_000);

  it('refuses a level it does not know, naming where it came from', async () => {
    const flag = await runCli(['gateway', 'run', '--port', '0', '--log-level', 'loud'], envWith().env);
    expect(flag).toMatchObject({ code: 1, stderr: expect.stringContaining('gateway run failed: --log-level must be one of trace, debug, info, warn, error, fatal, silent; got "loud"') });
    const variable = await runCli(['node', 'run', '--port', '1'], envWith({ OPENCLAW_LOG_LEVEL: 'verbose' }).env);
    expect(variable).toMatchObject({ code: 1, stderr: expect.stringContaining('node run failed: OPENCLAW_LOG_LEVEL must be one of') });
  });
});
