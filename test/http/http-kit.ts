import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { startNodeRuntime } from '@openclaw-nodes/node-host';
import { RawClient, operatorDeviceConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { localProofFor, shareLocalProof } from '../support/local-proof.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

export interface ApiCall {
  method?: string;
  /** Bearer token; `null` sends no Authorization header. Defaults to the gateway token. */
  token?: string | null;
  body?: unknown;
  /** A raw body, sent as is. */
  raw?: string;
  headers?: Record<string, string>;
  /** Send the gateway's local proof as an honest client on its machine does (default true). */
  localProof?: boolean;
}

/** Base URL of a gateway's HTTP face. */
export const httpBase = (gw: Pick<TestGateway, 'url'>) => gw.url.replace(/^ws/, 'http');

/** One HTTP call to the gateway, as curl or a script on the gateway's machine would make it. */
export async function api(gw: TestGateway, path: string, call: ApiCall = {}): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const proof = call.localProof === false ? {} : await localProofFor(gw.url);
  const headers: Record<string, string> = { ...proof, ...call.headers };
  const token = call.token === undefined ? TEST_TOKEN : call.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = call.raw;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${httpBase(gw)}${path}`, { method: call.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * A real headless node host (the `system` plugin) connected to the gateway. It pairs
 * silently on loopback unless the gateway disables that; its commands await approval.
 */
export async function startNode(gw: TestGateway, displayName = 'Build Node') {
  const dir = tempDir('openclaw-http-node-');
  shareLocalProof(gw.stateDir, dir.path);
  const { port } = new URL(gw.url);
  const runtime = await startNodeRuntime({ stateDir: dir.path, host: '127.0.0.1', port: Number(port), token: TEST_TOKEN, displayName, version: '0.1.0' });
  const running = runtime.host.run();
  return {
    runtime,
    async stop() {
      await runtime.stop();
      await running;
      dir.cleanup();
    },
  };
}

/** Waits for the node's request in the pending view and approves it over HTTP. */
export async function approveOverHttp(gw: TestGateway, displayName: string) {
  const pending = await poll(async () => (await api(gw, '/v1/pairing')).json.pending.find((p: any) => p.displayName === displayName), `${displayName} asking to pair`);
  const approved = await api(gw, `/v1/pairing/${pending.requestId}/approve`, { method: 'POST' });
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.text}`);
  return pending;
}


/** An operator device (as a remote CLI or app is) paired over WebSocket; returns its device token. */
export async function operatorDeviceToken(gw: TestGateway, scopes: string[]) {
  const identity = generateDeviceIdentity();
  const ws = await RawClient.open(gw.url);
  ws.send(operatorDeviceConnect(await ws.challenge(), { identity, scopes, token: TEST_TOKEN }));
  const hello = await ws.next((f) => f.type === 'res');
  ws.close();
  return { identity, deviceId: identity.deviceId, token: hello.payload.auth.deviceToken as string };
}

export interface StreamEvent {
  event: string;
  id?: string;
  data: any;
}

/**
 * Reads `/v1/events` with fetch and the bearer header, as the control page does, parsing
 * Server-Sent Events as they arrive.
 */
export async function openEvents(gw: TestGateway, token: string = TEST_TOKEN) {
  const abort = new AbortController();
  const res = await fetch(`${httpBase(gw)}/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`event stream refused: ${res.status} ${await res.text()}`);
  const events: StreamEvent[] = [];
  let waiters: Array<{ match: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void }> = [];
  let ended = false;
  const done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
          if (fields.event === undefined) continue;
          const e: StreamEvent = { event: fields.event, id: fields.id, data: JSON.parse(fields.data) };
          events.push(e);
          waiters = waiters.filter((w) => (w.match(e) ? (w.resolve(e), false) : true));
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  return {
    events,
    headers: res.headers,
    get ended() {
      return ended;
    },
    done,
    next(match: (e: StreamEvent) => boolean, timeoutMs = 10_000): Promise<StreamEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`)), timeoutMs);
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => abort.abort(),
  };
}
