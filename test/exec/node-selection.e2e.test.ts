import { normalizeApprovalsFile } from '@openclaw-nodes/core/exec';
import { startNodeRuntime } from '@openclaw-nodes/node-host';
import { ApprovalsStore } from '@openclaw-nodes/plugin-system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { startInProcessExec } from './in-process-exec.js';

let fx: Awaited<ReturnType<typeof startInProcessExec>>;
const full = (stateDir: string) => new ApprovalsStore(stateDir).update(() => normalizeApprovalsFile({ version: 1, defaults: { security: 'full', ask: 'off' } }));
const whoami = (extra: Record<string, unknown> = {}, args: Record<string, unknown> = {}) => fx.exec({ command: 'echo ok', ...args }, extra);

beforeAll(async () => {
  fx = await startInProcessExec();
  fx.state.config = { tools: { exec: { host: 'node', security: 'full' } } };
}, 30_000);
afterAll(() => fx?.stop());

describe('which node runs exec host=node', () => {
  let alpha: Awaited<ReturnType<typeof fx.addNode>>;
  let beta: Awaited<ReturnType<typeof fx.addNode>>;

  it('says so when no node is paired', async () => {
    await expect(whoami()).rejects.toMatchObject({
      message: 'exec host=node requires a paired node (none available). This requires a companion app or node host.',
      details: { code: 'EXEC_NODE_UNAVAILABLE' },
    });
  });

  it('picks the sole connected node that runs system.run', async () => {
    alpha = await fx.addNode('Alpha Node');
    await full(alpha.stateDir);
    await expect(whoami()).resolves.toMatchObject({ host: 'node', nodeId: alpha.nodeId, stdout: 'ok\n' });
  });

  it('refuses to guess between several, naming them', async () => {
    beta = await fx.addNode('Beta Node');
    await full(beta.stateDir);
    const err = await whoami().catch((e) => e);
    expect(err).toMatchObject({ details: { code: 'EXEC_NODE_REQUIRED', candidates: expect.arrayContaining([alpha.nodeId, beta.nodeId]) } });
    expect(err.message).toMatch(/^exec host=node requires a node id when multiple nodes are available \(set tools.exec.node or exec.node\): /);
    expect(err.message).toContain('Alpha Node');
    expect(err.message).toContain('Beta Node');
  });

  it('takes the node a call names when nothing is bound, and the bound one otherwise', async () => {
    await expect(whoami({}, { node: 'beta node' })).resolves.toMatchObject({ nodeId: beta.nodeId });
    fx.state.config = { tools: { exec: { host: 'node', security: 'full', node: 'Alpha Node' } } };
    await expect(whoami()).resolves.toMatchObject({ nodeId: alpha.nodeId });
    await expect(whoami({}, { node: 'Alpha Node' })).resolves.toMatchObject({ nodeId: alpha.nodeId });
    await expect(whoami({}, { node: 'Beta Node' })).rejects.toMatchObject({ message: 'exec node not allowed (bound to Alpha Node)' });
  });

  it('lets an agent bind its own node, and a session bind over both', async () => {
    fx.state.config = { tools: { exec: { host: 'node', security: 'full', node: 'Alpha Node' } }, agents: { list: [{ id: 'main' }, { id: 'ops', tools: { exec: { node: beta.nodeId } } }] } };
    await expect(whoami({ agentId: 'ops' })).resolves.toMatchObject({ nodeId: beta.nodeId });
    await expect(whoami({ agentId: 'main' })).resolves.toMatchObject({ nodeId: alpha.nodeId });
    await fx.op.request('exec.directive', { sessionKey: 'pinned', text: `exec node=${beta.nodeId.slice(0, 10)}` });
    await expect(whoami({ sessionKey: 'pinned' })).resolves.toMatchObject({ nodeId: beta.nodeId });
  });

  it('refuses a bound node that went offline instead of using another, and uses it again once it is back', async () => {
    fx.state.config = { tools: { exec: { host: 'node', security: 'full', node: beta.nodeId } } };
    await beta.runtime.stop();
    // Once the gateway has seen the socket close, the bound node is simply not connected.
    const refused = await poll(async () => {
      const err = await whoami().then(() => undefined, (e) => e);
      return err?.details?.code === 'NOT_CONNECTED' ? err : undefined;
    }, 'the gateway noticing the node left');
    expect(refused.message).toBe('node not connected');
    // Same state dir, same identity: the binding by id holds across the restart.
    const again = await startNodeRuntime({ stateDir: beta.stateDir, host: '127.0.0.1', port: fx.gw.gateway.port, token: TEST_TOKEN, displayName: 'Beta Node', version: '0.1.0' });
    const running = again.host.run();
    try {
      expect(again.host.nodeId ?? (await poll(async () => again.host.nodeId, 'the node id'))).toBe(beta.nodeId);
      await expect(poll(async () => whoami().catch(() => undefined), 'the restarted node answering')).resolves.toMatchObject({ nodeId: beta.nodeId });
    } finally {
      await again.stop();
      await running;
    }
  });
});
