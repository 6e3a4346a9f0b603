import { startNodeRuntime } from '@openclaw-nodes/node-host';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/processes.js';
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
}

/** Base URL of a gateway's HTTP face. */
export const httpBase = (gw: TestGateway) => gw.url.replace(/^ws/, 'http');

/** One HTTP call to the gateway, as curl or a script would make it. */
export async function api(gw: TestGateway, path: string, call: ApiCall = {}): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const headers: Record<string, string> = { ...call.headers };
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
  const pending = await poll(async () => (await api(gw, '/v1/pairing')).json.pending.find((p: any) => p.displayName === displayName), 10_000, `${displayName} asking to pair`);
  const approved = await api(gw, `/v1/pairing/${pending.requestId}/approve`, { method: 'POST' });
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.text}`);
  return pending;
}

