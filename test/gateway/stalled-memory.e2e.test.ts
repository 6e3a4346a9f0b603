import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUFFERED_BYTES } from '@openclaw-nodes/core/protocol';
import { freePort } from '../support/free-port.js';
import { startHost } from '../support/processes.js';
import { poll } from '../support/poll.js';
import type { RawClient } from '../support/raw-client.js';
import { adminOperator, invokeWhich, stalledNode } from '../support/stalled-node.js';
import { tempDir } from '../support/temp-dir.js';
import { trustLocalProofOf } from '../support/local-proof.js';

const TOKEN = 'memory-e2e-token';
const MB = 1024 * 1024;
/** What the gateway may keep after the storm: allocator and heap slack, not the burst itself. */
const MARGIN_BYTES = 32 * MB;

describe('memory after a burst to a node that stopped reading', () => {
  const dir = tempDir('oc-memory-gw-');
  let gateway: ReturnType<typeof startHost>;
  let url: string;
  let op: RawClient;

  /** One unlabelled sample from the gateway's /metrics. */
  const metric = async (name: string): Promise<number> => {
    const text = await fetch(`${url.replace(/^ws/, 'http')}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  };

  beforeAll(async () => {
    writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
    const port = await freePort();
    url = `ws://127.0.0.1:${port}`;
    gateway = startHost('gateway', ['--port', String(port)], { ...process.env, OPENCLAW_STATE_DIR: dir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /listening on/);
    await gateway.started;
    trustLocalProofOf(dir.path);
    op = await adminOperator(url, TOKEN);
  });

  afterAll(async () => {
    op?.close();
    await gateway?.stop();
    dir.cleanup();
  });

  it('gives the burst back once the node is cut off: RSS returns near its baseline', { timeout: 60_000 }, async () => {
    // Warm up the paths the burst uses, so the baseline already holds their code and caches.
    const warm = await stalledNode(url, op, TOKEN);
    warm.node.ws.resume();
    const warmCall = invokeWhich(op, warm.nodeId, { bins: ['x'.repeat(MB)] });
    const request = await warm.node.next((f) => f.event === 'node.invoke.request');
    warm.node.send({ type: 'req', id: 'r', method: 'node.invoke.result', params: { id: request.payload.id, nodeId: warm.nodeId, ok: true, payloadJSON: '{}' } });
    expect((await warmCall).ok).toBe(true);
    warm.node.close();
    const baseline = await metric('process_resident_memory_bytes');

    const received = await metric('openclaw_gateway_received_bytes_total');
    const { nodeId } = await stalledNode(url, op, TOKEN);
    const big = { bins: ['x'.repeat(5 * MB)] };
    const count = Math.ceil((MAX_BUFFERED_BYTES * 1.4) / (5 * MB));
    const answers = Promise.all(Array.from({ length: count }, () => invokeWhich(op, nodeId, big)));
    await poll(async () => ((await metric('openclaw_gateway_received_bytes_total')) > received + count * 5 * MB ? true : undefined), 'the burst reaching the gateway');
    const peak = await metric('process_resident_memory_bytes');

    // ws alone would hold the stalled node's 50 MB buffer for its 30 s close timeout.
    const settled = await poll(async () => {
      const now = await metric('process_resident_memory_bytes');
      return now < baseline + MARGIN_BYTES ? now : undefined;
    }, `RSS back under baseline ${Math.round(baseline / MB)} MB + ${MARGIN_BYTES / MB} MB (peak ${Math.round(peak / MB)} MB)`);
    expect(settled).toBeLessThan(baseline + MARGIN_BYTES);
    const all = await answers;
    expect(all[0]).toMatchObject({ ok: false, error: { details: { code: 'DISCONNECTED' } } });
    expect(all.every((res) => res.ok === false)).toBe(true);
  });
});
