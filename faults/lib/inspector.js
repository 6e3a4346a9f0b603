/**
 * @module
 * Looks inside a running gateway from outside, through the V8 inspector it was started with
 * (`--inspect=127.0.0.1:0`): heap use after a full collection and the active libuv resources
 * (timers, sockets) — the gateway has no debug endpoint of its own, and should not need one.
 */
import WebSocket from 'ws';

/** The inspector's WebSocket URL from a process's stderr ("Debugger listening on ws://…"). */
export function inspectorUrl(output) {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (url === undefined) throw new Error('the process was not started with --inspect');
  return url;
}

/**
 * Connects to the inspector at `url`; returns `{ heap() → { usedMb, totalMb }, resources() →
 * { Timeout: n, TCPWRAP: n, … }, close() }`. `heap()` collects garbage first, so successive
 * readings compare what is alive, not what is waiting to be collected.
 */
export async function attachInspector(url) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let nextId = 0;
  const pending = new Map();
  ws.on('message', (data) => {
    const message = JSON.parse(data);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      ws.send(JSON.stringify({ id, method, params }));
    });
  const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 100) / 100;
  return {
    async heap() {
      await call('HeapProfiler.collectGarbage');
      const { usedSize, totalSize } = await call('Runtime.getHeapUsage');
      return { usedMb: mb(usedSize), totalMb: mb(totalSize) };
    },
    async resources() {
      const { result } = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.getActiveResourcesInfo())', returnByValue: true });
      const counts = {};
      for (const name of JSON.parse(result.value)) counts[name] = (counts[name] ?? 0) + 1;
      return counts;
    },
    close: () => ws.close(),
  };
}
