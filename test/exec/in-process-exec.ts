import { startNodeRuntime } from '@openclaw-nodes/node-host';
import type { GatewayOptions } from '@openclaw-nodes/gateway';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A gateway and node hosts in this process, on loopback, paired and approved: the fast way
 * to drive many exec calls. `exec.config` is whatever the test sets in `config`.
 */
export async function startInProcessExec(overrides: Partial<GatewayOptions> = {}) {
  const stops: Array<() => Promise<void> | void> = [];
  const state = { config: {} as Record<string, unknown> };
  const gw = await startTestGateway({ exec: { config: () => state.config }, ...overrides });
  stops.push(() => gw.stop());
  const op = await RawClient.open(gw.url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin']));
  await op.next((f) => f.type === 'res' && f.ok);
  stops.push(() => op.close());

  /** Starts a node host, approves it, and resolves once it serves system.run. */
  async function addNode(displayName: string) {
    const dir = tempDir('oc-exec-inproc-node-');
    const runtime = await startNodeRuntime({ stateDir: dir.path, host: '127.0.0.1', port: gw.gateway.port, token: TEST_TOKEN, displayName, version: '0.1.0' });
    const running = runtime.host.run();
    stops.push(async () => {
      await runtime.stop();
      await running;
      dir.cleanup();
    });
    await poll(async () => {
      for (const p of (await op.request('node.pair.list', {})).payload.pending) await op.request('node.pair.approve', { requestId: p.requestId });
      const nodes = (await op.request('node.list', {})).payload.nodes as Array<{ nodeId: string; commands: string[]; connected: boolean }>;
      return nodes.find((n) => n.nodeId === runtime.host.nodeId && n.connected && n.commands.includes('system.run'));
    }, `${displayName} serving system.run`);
    return { nodeId: runtime.host.nodeId!, stateDir: dir.path, runtime };
  }

  return {
    gw,
    op,
    state,
    addNode,
    /** The exec tool over WebSocket: the payload, or the error frame. */
    async exec(args: Record<string, unknown>, extra: Record<string, unknown> = {}) {
      const res = await op.request('tools.invoke', { tool: 'exec', args, ...extra });
      return res.ok ? res.payload.result : Promise.reject(res.error);
    },
    /** A raw system.run through node.invoke, as any operator could send it. */
    async systemRun(nodeId: string, params: Record<string, unknown>) {
      const res = await op.request('node.invoke', { nodeId, command: 'system.run', params, idempotencyKey: `k-${Math.random()}` });
      return res.ok ? res.payload.payload : Promise.reject(res.error);
    },
    async stop() {
      while (stops.length) await stops.pop()!();
    },
  };
}
