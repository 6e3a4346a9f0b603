/**
 * @module
 * An operator that stops reading while large answers keep coming for it (`node.list` of a
 * gateway with 1,000 simulated nodes, about half a megabyte each): the gateway cuts it off
 * once `maxBufferedBytes` (50 MiB) wait for it, long before the 50 s the keepalive would take,
 * rather than buffering without bound, and another operator's invokes on a real node host go
 * on at their usual pace meanwhile.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_BUFFERED_BYTES } from '../core/dist/protocol.js';
import { quantile } from '../bench/lib/measure.js';
import { rssMb, until } from '../bench/lib/processes.js';
import { connectRawOperator } from '../bench/lib/raw-operator.js';
import { figure, runCase, sleep, timed } from './lib/fault-kit.js';
import { generateDeviceIdentity, nodeHandshake } from '../bench/lib/simulated-nodes.js';
import { metric, metrics, startStack, TOKEN } from './lib/our-stack.js';

const SIM_NODES = 1_000;
/** Well before the keepalive would drop a peer that does not answer pings (25 s + 25 s). */
const CUT_WITHIN_MS = 20_000;

await runCase(async ({ root, track }) => {
  const stack = await startStack(root, track);
  const sims = [];
  for (let i = 0; i < SIM_NODES; i += 50) {
    sims.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => nodeHandshake(stack.url, generateDeviceIdentity(), { token: TOKEN }, { displayName: `sim-${i + j}`, localProofDir: join(root, 'gw') })))));
  }
  if (!sims.every(({ res }) => res.ok)) throw new Error('a simulated node was refused');
  const openSockets = async () => metric(await metrics(stack.port), 'openclaw_ws_connections{state="open"}');
  const slow = await connectRawOperator(stack.url, TOKEN);
  const answerBytes = Buffer.byteLength(JSON.stringify((await slow.request('node.list', {})).payload));
  // Enough answers to pass the limit with room for the kernel's socket buffers.
  const needed = Math.ceil((MAX_BUFFERED_BYTES * 1.5) / answerBytes);
  /** Asks for `needed` answers five at a time, timing one invoke of the other operator between batches. */
  const load = async (done) => {
    const times = [];
    const t0 = performance.now();
    for (let sent = 0; performance.now() - t0 < 60_000; sent += 5) {
      if (sent < needed) for (let i = 0; i < 5; i++) slow.request('node.list', {}).catch(() => undefined);
      times.push((await timed(() => stack.invoke())).ms);
      if (await done(sent)) return { times, sent, ms: performance.now() - t0 };
    }
    return { times, sent, ms: Infinity };
  };
  // The same load with a reader that keeps up: what the other operator's calls cost anyway.
  const reading = await load((sent) => sent >= needed);
  await sleep(2_000);

  const before = await openSockets();
  slow.ws.pause();
  let closeCode;
  slow.ws.on('close', (code) => (closeCode = code));
  const rssBefore = rssMb(stack.gateway.child.pid);
  let rssPeak = rssBefore;
  const stalled = await load(async () => {
    rssPeak = Math.max(rssPeak, rssMb(stack.gateway.child.pid));
    return (await openSockets()) < before;
  });
  const [during, sent, cutMs] = [stalled.times, stalled.sent, stalled.ms];
  figure('reader that stopped reading cut off after', cutMs, 'ms', { target: `< ${CUT_WITHIN_MS}`, pass: cutMs < CUT_WITHIN_MS, extra: { answersAsked: sent, answerBytes, askedBytes: sent * answerBytes, limitBytes: MAX_BUFFERED_BYTES } });
  figure('gateway RSS growth while the reader was stalled', rssPeak - rssBefore, 'MB', { extra: { note: 'bounded by maxBufferedBytes plus the frame in hand' } });
  // The reader resumes: it gets what the kernel still held, then the end of the connection.
  slow.ws.resume();
  await until(async () => (closeCode === undefined ? undefined : true), 30_000);
  figure('close code seen by the reader once it reads again', closeCode, 'code', { extra: { note: '1006: the gateway drops the socket; a close frame would sit behind the 50 MiB it never read' } });
  const usual = quantile(reading.times, 0.5);
  const meanwhile = quantile(during, 0.5);
  const limit = 2 * usual + 1;
  figure('other operator invoke p50 while the reader stalled', meanwhile, 'ms', { target: `<= ${Math.round(limit * 100) / 100} (2 x p50 with a reader keeping up, + 1)`, pass: meanwhile <= limit, extra: { withReaderKeepingUp: Math.round(usual * 100) / 100, p99: Math.round(quantile(during, 0.99) * 100) / 100, calls: during.length } });
  const after = await stack.invoke();
  figure('other operator served after the cut', after.ok ? 1 : 0, 'bool', { target: '1', pass: after.ok === true });
  for (const { ws } of sims) ws.terminate();
  await sleep(100);
});
