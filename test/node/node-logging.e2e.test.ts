import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLines } from '../support/log-lines.js';
import { poll } from '../support/poll.js';
import { startRecordedNode } from '../support/recorded-node.js';

let host: Awaited<ReturnType<typeof startRecordedNode>>;
beforeAll(async () => {
  host = await startRecordedNode('Log Node', { OPENCLAW_LOG_LEVEL: 'debug' });
}, 60_000);
afterAll(() => host?.stop());

describe('a node host logging what its gateway sends', () => {
  it('logs a frame it cannot read as a warn line with its code, and keeps serving', async () => {
    const { gateway } = host.recorder.gw;
    const [session] = gateway.ctx.registry.list();
    gateway.ctx.registry.get(session!.nodeId)!.conn.send('{"type":"event","event":');
    const warned = await poll(async () => logLines(host.node.output()).find((line) => line.msg.startsWith('ignored a frame')), 'the node logging the bad frame');
    expect(warned).toMatchObject({ level: 'warn', name: 'node-host', code: 'INVALID_FRAME' });
    host.recorder.sendInvoke('after-bad-frame', 'system.which', '{"bins":["sh"]}');
    await expect(host.recorder.resultOf('after-bad-frame')).resolves.toMatchObject({ ok: true });
  });
});
