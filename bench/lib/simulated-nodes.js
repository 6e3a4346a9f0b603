/**
 * @module
 * Simulated signed nodes: each has its own device identity, does the real signed node
 * handshake with a shared gateway token, answers `system.which`, and when its connection ends
 * moves through its gateway addresses with the node host's own rotation and backoff
 * (`GatewayRotation`: the next address after 0-`minMs`, a full-jitter backoff after a whole
 * round failed). Each node records when it lost its gateway and when it was back, so a test or
 * bench can kill a gateway and read how fast the nodes came back on the others.
 */
import WebSocket from 'ws';
import { generateDeviceIdentity, signConnectDevice } from '../../core/dist/identity.js';
import { localProofHeaders } from '../../core/dist/store.js';
import { Backoff, GatewayRotation } from '../../hosts/node/dist/index.js';

const CLIENT = { id: 'node-host', mode: 'node', version: 'bench', platform: 'linux', deviceFamily: 'Linux' };
/** A handshake that has not finished by then counts as a failed attempt. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** `ws://host:port` of a URL, as the rotation's addresses. */
function address(url) {
  const u = new URL(url);
  const tls = u.protocol === 'wss:';
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (tls ? 443 : 80)), tls };
}

function wsUrl(a) {
  return `${a.tls ? 'wss' : 'ws'}://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}

class SimulatedNode {
  constructor(identity, urls, options) {
    this.identity = identity;
    this.deviceId = identity.deviceId;
    this.options = options;
    this.rotation = new GatewayRotation(urls.map(address), new Backoff(options.minMs, options.maxMs, options.random));
    /** The URL of the open connection, or undefined. */
    this.url = undefined;
    /** Each connection: `{ url, connectedAt, lostAt?, delayMs? }` (ms, `performance.now()`), oldest first. */
    this.history = [];
    this.stopped = false;
    this.ws = undefined;
    this.timer = undefined;
  }

  /** Connects to the current address; resolves true once hello-ok arrived, false on failure. */
  async attempt() {
    const url = wsUrl(this.rotation.current);
    // Nodes on a gateway's machine show its local proof, so they pair without an operator.
    const stateDir = this.options.gatewayStateDirs?.[this.options.urls.indexOf(url)];
    const headers = await localProofHeaders(stateDir, url);
    return new Promise((resolve) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: HANDSHAKE_TIMEOUT_MS, headers });
      this.ws = ws;
      let open = false;
      const timer = setTimeout(() => ws.terminate(), HANDSHAKE_TIMEOUT_MS);
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearTimeout(timer);
        if (!open) return resolve(false);
        this.lost();
      });
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.event === 'connect.challenge') ws.send(JSON.stringify(this.connectFrame(frame.payload)));
        else if (frame.type === 'res' && frame.id === 'connect') {
          clearTimeout(timer);
          if (!frame.ok) return ws.close();
          open = true;
          this.url = url;
          this.history.push({ url, connectedAt: performance.now() });
          this.rotation.connected();
          resolve(true);
        } else if (frame.event === 'node.invoke.request') ws.send(JSON.stringify(this.answer(frame.payload)));
      });
    });
  }

  connectFrame(challenge) {
    const { token } = this.options;
    const device = signConnectDevice(this.identity, { clientId: CLIENT.id, clientMode: CLIENT.mode, role: 'node', scopes: [], token, nonce: challenge.nonce, signedAt: challenge.ts, platform: CLIENT.platform, deviceFamily: CLIENT.deviceFamily });
    return { type: 'req', id: 'connect', method: 'connect', params: { minProtocol: 4, maxProtocol: 4, client: CLIENT, caps: ['system'], commands: ['system.which'], role: 'node', scopes: [], auth: { token }, device } };
  }

  /** `system.which` finds nothing; any other command is not served. */
  answer(request) {
    const ok = request.command === 'system.which';
    const result = ok ? { ok, payloadJSON: JSON.stringify({ bins: {} }) } : { ok, error: { code: 'UNAVAILABLE', message: `${request.command} is not simulated` } };
    return { type: 'req', id: `r:${request.id}`, method: 'node.invoke.result', params: { id: request.id, nodeId: request.nodeId, ...result } };
  }

  /** The open connection ended: record it and go round the addresses. */
  lost() {
    this.url = undefined;
    const last = this.history.at(-1);
    if (last) last.lostAt = performance.now();
    if (!this.stopped) this.retry(last);
  }

  retry(record) {
    const { delayMs } = this.rotation.advance();
    if (record && record.delayMs === undefined) record.delayMs = delayMs;
    this.timer = setTimeout(async () => {
      if (this.stopped) return;
      if (!(await this.attempt()) && !this.stopped) this.retry(undefined);
    }, delayMs);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.terminate();
  }
}

/**
 * Starts `count` simulated nodes over `urls` (all start on the first; each fails over in
 * order), `concurrency` handshakes at a time, and resolves once every node connected once.
 *
 * @param {{ urls: string[], count: number, token: string, gatewayStateDirs?: string[], concurrency?: number, minMs?: number, maxMs?: number, random?: () => number }} options
 *   `gatewayStateDirs[i]`: the state dir of the gateway at `urls[i]`, to show its local proof
 *   (nodes on its machine: they pair without an operator); without it nodes must be approved.
 *   `minMs`/`maxMs`: the rotation's backoff bounds (default the node host's, 500 ms and 30 s).
 * @returns {Promise<{ nodes: SimulatedNode[], elapsedMs: number, connectedTo: (url: string) => number, reconnects: (since: number) => Array<{ deviceId: string, from: string, to: string | undefined, delayMs: number | undefined, reconnectMs: number | undefined }>, stop: () => void }>}
 *   `elapsedMs`: time until all were connected; `connectedTo(url)`: how many are on `url` now;
 *   `reconnects(since)`: per node that lost a connection after `since` (`performance.now()`),
 *   where it was, where it is back (undefined while not), the rotation's wait and the ms from
 *   the loss to the next hello-ok.
 * @throws Error when a node cannot connect the first time (the error of its first address).
 */
export async function startSimulatedNodes({ urls, count, token, gatewayStateDirs, concurrency = 50, minMs = 500, maxMs = 30_000, random = Math.random }) {
  const canonical = urls.map((u) => wsUrl(address(u)));
  const nodes = Array.from({ length: count }, () => new SimulatedNode(generateDeviceIdentity(), urls, { token, urls: canonical, gatewayStateDirs, minMs, maxMs, random }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < nodes.length) {
        const node = nodes[next++];
        if (!(await node.attempt())) throw new Error(`simulated node could not connect to ${urls[0]}`);
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  return {
    nodes,
    elapsedMs,
    connectedTo: (url) => nodes.filter((n) => n.url === url).length,
    reconnects: (since) =>
      nodes.flatMap((n) => {
        const i = n.history.findIndex((h) => h.lostAt !== undefined && h.lostAt >= since);
        if (i < 0) return [];
        const lost = n.history[i];
        const back = n.history[i + 1];
        return [{ deviceId: n.deviceId, from: lost.url, to: back?.url, delayMs: lost.delayMs, reconnectMs: back ? back.connectedAt - lost.lostAt : undefined }];
      }),
    stop: () => nodes.forEach((n) => n.stop()),
  };
}
