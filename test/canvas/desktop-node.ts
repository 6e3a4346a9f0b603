import { existsSync } from 'node:fs';
import { startDesktopRuntime } from '@openclaw-nodes/desktop-host';
import { detectHostEnvironment } from '@openclaw-nodes/core/plugin';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { shareLocalProofOf } from '../support/local-proof.js';
import { tempDir } from '../support/temp-dir.js';
import { poll } from '../support/poll.js';

/** Canvas tests need Debian's Chromium; without it they fail here rather than pass by skipping. */
export const CHROMIUM = '/usr/bin/chromium';
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium); the canvas tests drive a real browser`);
}

/** An operator connection with every scope, as the CLI makes on loopback. */
export async function operator(url: string): Promise<RawClient> {
  const op = await RawClient.open(url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin']));
  const hello = await op.next((f) => f.type === 'res');
  if (!hello.ok) throw new Error(`operator connect failed: ${JSON.stringify(hello.error)}`);
  return op;
}

/** Approves every pending pairing request (device and command surface). */
export async function approveAll(op: RawClient, expected = 1): Promise<void> {
  const pending = await poll(async () => {
    const list = (await op.request('node.pair.list', {})).payload.pending;
    return list.length >= expected ? list : undefined;
  }, `${expected} pending pairing request(s)`);
  for (const p of pending) {
    const res = await op.request('node.pair.approve', { requestId: p.requestId });
    if (!res.ok) throw new Error(`approve failed: ${JSON.stringify(res.error)}`);
  }
}

/**
 * A desktop node host in this process, connected to the gateway at `url` and approved.
 * `env` is what the host sees as its environment (a `DISPLAY`, or none); `plugins` narrows
 * the built-ins it runs (the canvas window would cover a screen under test).
 */
export async function startDesktopNode(url: string, op: RawClient, env: Record<string, string | undefined>, displayName = 'Desk', plugins?: { enabled: string[]; options?: Record<string, unknown> }) {
  const state = tempDir('openclaw-desktop-');
  shareLocalProofOf(url, state.path);
  const runtime = await startDesktopRuntime({
    stateDir: state.path,
    host: '127.0.0.1',
    port: Number(new URL(url).port),
    token: TEST_TOKEN,
    displayName,
    version: '0.1.0',
    hostEnv: detectHostEnvironment(env),
    ...(plugins === undefined ? {} : { plugins: { load: [], options: {}, ...plugins } }),
  });
  const running = runtime.host.run();
  await approveAll(op);
  const nodeId = await poll(() => runtime.host.nodeId, 'the desktop node knowing its id');
  // The node is routable once the approved surface shows its commands.
  await poll(async () => ((await op.request('node.describe', { nodeId })).payload?.commands?.length ? true : undefined), 'the approved surface listing commands');
  return {
    runtime,
    nodeId,
    invoke: (command: string, params?: unknown, timeoutMs?: number) =>
      op.request('node.invoke', { nodeId, command, params, idempotencyKey: `${command}-${Math.random()}`, ...(timeoutMs === undefined ? {} : { timeoutMs }) }),
    async stop() {
      await runtime.stop();
      await running;
      state.cleanup();
    },
  };
}
