/**
 * @module
 * A node host killed with `kill -9` while invokes are in flight: every caller whose invoke was
 * in flight gets `DISCONNECTED`, within 1 s of the kill. Repeated over several kills, the node
 * host restarted (and reconnecting as the same paired node) between them.
 */
import { performance } from 'node:perf_hooks';
import { startNode, until } from '../bench/lib/processes.js';
import { figure, runCase, scale, sleep } from './lib/fault-kit.js';
import { codeOf, keepCalling } from './lib/invoke-loop.js';
import { startStack, TOKEN } from './lib/our-stack.js';

const KILLS = scale(5, 2);
const DEADLINE_MS = 1_000;

await runCase(async ({ root, track }) => {
  const stack = await startStack(root, track);
  let node = stack.node;
  const worst = [];
  let disconnected = 0;
  let other = [];
  for (let round = 0; round < KILLS; round++) {
    const load = keepCalling(() => stack.invoke(), { inFlight: 32 });
    await sleep(300);
    const killedAt = performance.now();
    node.kill('SIGKILL');
    await sleep(1_500);
    const records = await load.stop();
    const inFlight = records.filter((r) => r.sentAt < killedAt && (r.doneAt ?? Infinity) >= killedAt);
    const cut = inFlight.filter((r) => codeOf(r.res) === 'DISCONNECTED');
    disconnected += cut.length;
    // Answers already on their way back when the node died arrive ok, and a call still on its
    // way to the gateway finds the node gone (NOT_CONNECTED); anything else is wrong.
    other = other.concat(inFlight.filter((r) => !r.res?.ok && !['DISCONNECTED', 'NOT_CONNECTED'].includes(codeOf(r.res))).map((r) => codeOf(r.res) ?? String(r.error)));
    worst.push(Math.max(0, ...cut.map((r) => r.doneAt - killedAt)));
    node = track(await startNode(root, stack.port, TOKEN, 'fault-node'));
    await until(async () => ((await stack.invoke()).ok ? true : undefined), 20_000);
  }
  figure('in-flight invokes answered DISCONNECTED', disconnected, 'invokes', { pass: disconnected > 0 && other.length === 0, target: 'every in-flight invoke the node had not answered', extra: other.length ? { otherAnswers: [...new Set(other)] } : { kills: KILLS } });
  const slowest = Math.max(...worst);
  figure('kill -9 to DISCONNECTED, slowest', slowest, 'ms', { target: `< ${DEADLINE_MS}`, pass: slowest < DEADLINE_MS, extra: { perKill: worst.map((ms) => Math.round(ms)) } });
});
