import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedNodes } from '../../bench/lib/simulated-nodes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { TOKEN, startGateways } from './failover-kit.js';

const NODES = 200;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

describe('simulated signed nodes over several gateways', () => {
  it('come back on the other gateway after a kill -9, spread out by the jittered wait', async () => {
    const dir = tempDir('oc-sim-failover-');
    cleanups.push(dir.cleanup);
    const gws = await startGateways(dir.path, 2);
    for (const gw of gws) cleanups.push(gw.proc.stop);
    // A 2 s jitter window: wide enough that a spread cannot come from handshake queueing alone.
    // The nodes run on the gateways' machine and show their local proofs, so they pair silently.
    const sim = await startSimulatedNodes({ urls: gws.map((g) => g.url), count: NODES, token: TOKEN, gatewayStateDirs: gws.map((g) => g.stateDir), minMs: 2_000 });
    cleanups.push(sim.stop);
    expect(sim.connectedTo(gws[0]!.url)).toBe(NODES);

    const since = performance.now();
    gws[0]!.proc.child.kill('SIGKILL');
    await poll(async () => (sim.connectedTo(gws[1]!.url) === NODES ? true : undefined), `all ${NODES} nodes back on the second gateway`, { timeoutMs: 60_000 });
    const back = sim.reconnects(since);
    expect(back).toHaveLength(NODES);
    expect(new Set(back.map((r) => r.to))).toEqual(new Set([gws[1]!.url]));
    // Each waited what its rotation drew before connecting again...
    for (const r of back) expect(r.reconnectMs!).toBeGreaterThanOrEqual(r.delayMs!);
    // ...and the draws differ: the reconnects are spread over the window, not bunched.
    const times = back.map((r) => r.reconnectMs!).sort((a, b) => a - b);
    expect(quantile(times, 0.75) - quantile(times, 0.25)).toBeGreaterThan(500);
    expect(new Set(back.map((r) => r.delayMs)).size).toBeGreaterThan(NODES / 2);
    // The gateway lists each once, connected.
    const listed = (await gws[1]!.api('/v1/nodes')).json.nodes.filter((n: { connected?: boolean }) => n.connected);
    expect(listed).toHaveLength(NODES);
  }, 120_000);
});
