/**
 * @module
 * Simulated signed nodes, many to a process, for benches, the fault suite and tests. Each has
 * its own Ed25519 identity and does the real signed node handshake (`nodeHandshake`), answers
 * `system.which` at once (or never, `silent`), and `SimulatedNode` keeps one connected: when its
 * connection ends it moves through its gateway addresses with the node host's own rotation and
 * backoff (`GatewayRotation`: the next address after 0-`minMs`, a full-jitter backoff after a
 * whole round failed, short waits after a gateway closed with 1012 to restart). Each node records when it lost its gateway and when it was back, so a
 * caller can kill or restart a gateway and read how fast the nodes came back.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { generateDeviceIdentity, signConnectDevice } from '../../core/dist/identity.js';
import { localProofHeaders } from '../../core/dist/store.js';
import { Backoff, GatewayRotation } from '../../hosts/node/dist/index.js';

export { generateDeviceIdentity };

const CLIENT = { id: 'node-host', mode: 'node', version: 'simulated', platform: 'linux', deviceFamily: 'Linux' };
/** A handshake that has not finished by then counts as a failed attempt. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
const WHICH = JSON.stringify({ bins: { sh: '/usr/bin/sh' } });

/**
 * One signed node `connect` on a new socket. Resolves `{ ws, res }` once the gateway answered
 * (`res.ok` false for a refusal; the gateway then closes the socket); rejects when the socket
 * fails or closes first, or after 10 s. An accepted socket answers invokes until closed.
 *
 * @param {string} url `ws://…`
 * @param {import('../../core/dist/identity.js').DeviceIdentity} identity
 * @param {{ token?: string, deviceToken?: string }} auth what goes in `connect.auth` (and is signed)
 * @param {{ displayName?: string, headers?: Record<string, string>, localProofDir?: string, silent?: boolean }} [options]
 *   `localProofDir`: the state dir of the gateway at `url`, to show its local proof as a node on
 *   its machine does (it then pairs without an operator).
 */
export async function nodeHandshake(url, identity, auth, { displayName, headers, localProofDir, silent = false } = {}) {
  const proof = await localProofHeaders(localProofDir, url);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: HANDSHAKE_TIMEOUT_MS, headers: { ...proof, ...headers } });
    let answered = false;
    const fail = (err) => {
      clearTimeout(timer);
      if (!answered) reject(err);
    };
    const timer = setTimeout(() => (fail(new Error(`no connect answer from ${url} within ${HANDSHAKE_TIMEOUT_MS} ms`)), ws.terminate()), HANDSHAKE_TIMEOUT_MS);
    ws.on('error', fail);
    ws.on('close', () => fail(new Error(`${url} closed before the connect was answered`)));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.event === 'connect.challenge') {
        const secret = auth.token ?? auth.deviceToken;
        const device = signConnectDevice(identity, { clientId: CLIENT.id, clientMode: CLIENT.mode, role: 'node', scopes: [], token: secret, nonce: frame.payload.nonce, signedAt: frame.payload.ts, platform: CLIENT.platform, deviceFamily: CLIENT.deviceFamily });
        const client = { ...CLIENT, ...(displayName ? { displayName } : {}) };
        ws.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params: { minProtocol: 4, maxProtocol: 4, client, caps: ['system'], commands: ['system.which'], role: 'node', scopes: [], auth, device } }));
      } else if (frame.type === 'res' && frame.id === 'connect') {
        clearTimeout(timer);
        answered = true;
        resolve({ ws, res: frame });
      } else if (frame.event === 'node.invoke.request' && !silent) {
        const { id, nodeId, command } = frame.payload;
        const result = command === 'system.which' ? { ok: true, payloadJSON: WHICH } : { ok: false, error: { code: 'UNAVAILABLE', message: `${command} is not simulated` } };
        ws.send(JSON.stringify({ type: 'req', id: `r:${id}`, method: 'node.invoke.result', params: { id, nodeId, ...result } }));
      }
    });
  });
}

/**
 * `nodeHandshake` for each of `identities` on `url`, `concurrency` at a time. Resolves the
 * answers in order and the elapsed ms; rejects with the first socket failure.
 */
export async function connectAll(url, identities, authOf, { concurrency = 50, ...options } = {}) {
  const answers = new Array(identities.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, identities.length) }, async () => {
      while (next < identities.length) {
        const i = next++;
        answers[i] = await nodeHandshake(url, identities[i], authOf(identities[i]), options);
      }
    }),
  );
  return { elapsedMs: performance.now() - t0, answers };
}

/** `host`/`port`/`tls` of a URL, as the rotation's addresses. */
function address(url) {
  const u = new URL(url);
  const tls = u.protocol === 'wss:';
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (tls ? 443 : 80)), tls };
}

const wsUrl = (a) => `${a.tls ? 'wss' : 'ws'}://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;

/** A node that stays connected over `urls` (see the module comment); `start()` it. */
export class SimulatedNode {
  /**
   * @param {{ token: string, deviceTokens?: boolean, displayName?: string, silent?: boolean, gatewayStateDirs?: string[], minMs?: number, maxMs?: number, random?: () => number }} options
   *   `deviceTokens`: after the first accepted connect, present the device token issued then
   *   instead of the shared token (as a paired node host does).
   */
  constructor(identity, urls, options) {
    this.identity = identity;
    this.deviceId = identity.deviceId;
    this.options = options;
    this.urls = urls.map((u) => wsUrl(address(u)));
    this.rotation = new GatewayRotation(urls.map(address), new Backoff(options.minMs ?? 500, options.maxMs ?? 30_000, options.random ?? Math.random));
    /** The URL of the open connection, or undefined. */
    this.url = undefined;
    /** Each connection: `{ url, connectedAt, lostAt?, delayMs? }` (ms, `performance.now()`), oldest first. */
    this.history = [];
    /** Connects the gateway refused (`res.ok` false), with their error codes. */
    this.refusals = [];
    /** Connects that failed (refused, timed out, socket closed or failed) before one was accepted. */
    this.failedAttempts = 0;
    this.deviceToken = undefined;
    this.stopped = false;
    this.ws = undefined;
    this.timer = undefined;
  }

  get connected() {
    return this.url !== undefined;
  }

  /** Connects now, and keeps connecting until `stop()`. */
  start() {
    void this.attempt().then((ok) => ok || this.stopped || this.retry(undefined));
  }

  /** Connects to the current address; resolves true once hello-ok arrived, false on failure. */
  async attempt() {
    const url = wsUrl(this.rotation.current);
    const { options } = this;
    // Nodes on a gateway's machine show its local proof, so they pair without an operator.
    const localProofDir = options.gatewayStateDirs?.[this.urls.indexOf(url)];
    const auth = options.deviceTokens && this.deviceToken ? { deviceToken: this.deviceToken } : { token: options.token };
    let answer;
    try {
      answer = await nodeHandshake(url, this.identity, auth, { displayName: options.displayName, localProofDir, silent: options.silent });
    } catch {
      this.failedAttempts++;
      return false;
    }
    const { ws, res } = answer;
    if (!res.ok || this.stopped) {
      if (!res.ok) {
        this.failedAttempts++;
        this.refusals.push(res.error?.details?.code ?? res.error?.code);
      }
      ws.terminate();
      return false;
    }
    this.ws = ws;
    this.deviceToken = res.payload.auth?.deviceToken ?? this.deviceToken;
    this.url = url;
    this.history.push({ url, connectedAt: performance.now() });
    this.rotation.connected();
    ws.once('close', (code) => this.lost(code));
    return true;
  }

  /** The open connection ended (with close `code`): record it and go round the addresses. */
  lost(code) {
    this.url = undefined;
    const last = this.history.at(-1);
    if (last) last.lostAt = performance.now();
    // As the node host does: a gateway closing with 1012 restarts, so the waits stay short.
    if (code === 1012) this.rotation.restarting();
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
 * @param {{ urls: string[], count: number, token: string, deviceTokens?: boolean, gatewayStateDirs?: string[], concurrency?: number, minMs?: number, maxMs?: number, random?: () => number }} options
 *   `gatewayStateDirs[i]`: the state dir of the gateway at `urls[i]`, to show its local proof
 *   (nodes on its machine: they pair without an operator); without it nodes must be approved.
 *   `minMs`/`maxMs`: the rotation's backoff bounds (default the node host's, 500 ms and 30 s).
 *   `deviceTokens`: reconnect with the device token each was issued, not the shared token.
 * @returns {Promise<{ nodes: SimulatedNode[], elapsedMs: number, connectedTo: (url: string) => number, reconnects: (since: number) => Array<{ deviceId: string, from: string, to: string | undefined, delayMs: number | undefined, reconnectMs: number | undefined }>, stop: () => void }>}
 *   `elapsedMs`: time until all were connected; `connectedTo(url)`: how many are on `url` now;
 *   `reconnects(since)`: per node that lost a connection after `since` (`performance.now()`),
 *   where it was, where it is back (undefined while not), the rotation's wait and the ms from
 *   the loss to the next hello-ok.
 * @throws Error when a node cannot connect the first time.
 */
export async function startSimulatedNodes({ urls, count, concurrency = 50, ...options }) {
  const nodes = Array.from({ length: count }, () => new SimulatedNode(generateDeviceIdentity(), urls, options));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < nodes.length) {
        const node = nodes[next++];
        if (!(await node.attempt())) throw new Error(`simulated node could not connect to ${urls[0]}${node.refusals.length ? ` (${node.refusals.at(-1)})` : ''}`);
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  const canonical = (url) => wsUrl(address(url));
  return {
    nodes,
    elapsedMs,
    connectedTo: (url) => nodes.filter((n) => n.url === canonical(url)).length,
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
