import { join } from 'node:path';
import { BIN } from '../support/paths.js';
import { freePort } from '../support/free-port.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tokenApi, type ApiAnswer } from '../support/token-api.js';

export const TOKEN = 'failover-e2e-token';
export const NAME = 'failover-node';

/** An independent `openclaw gateway run` on loopback with its own state dir. */
export interface RealGateway {
  port: number;
  url: string;
  /** `host:port` as `--host` takes it. */
  entry: string;
  /** Its state dir, where clients on its machine read its local proof. */
  stateDir: string;
  proc: ReturnType<typeof startProcess>;
  api(path: string, body?: unknown): Promise<ApiAnswer>;
}

/** Starts `count` gateways under `root` (state dirs `gw0`, `gw1`, ...), `token` as their shared token. */
export async function startGateways(root: string, count: number, token = TOKEN): Promise<RealGateway[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const port = await freePort();
      const stateDir = join(root, `gw${i}`);
      const env = { ...process.env, HOME: root, OPENCLAW_STATE_DIR: stateDir };
      const proc = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--token', token], env, /listening on/);
      await proc.started;
      return { port, url: `ws://127.0.0.1:${port}`, entry: `127.0.0.1:${port}`, stateDir, proc, api: (path: string, body?: unknown) => tokenApi(port, token, path, body) };
    }),
  );
}

/** `openclaw node run <args>` with its state in `stateDir`, started once it connected or asked for approval. */
export async function startNodeHost(stateDir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--display-name', NAME, ...args], { ...process.env, HOME: stateDir, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_GATEWAY_TOKEN: TOKEN, ...env }, /connected to|waiting for approval/);
  await node.started;
  return node;
}

/** `system.which` on the node through `gw`'s HTTP API; the answer, or undefined while the node is not served there. */
export async function whichOn(gw: RealGateway): Promise<ApiAnswer | undefined> {
  const r = await gw.api(`/v1/nodes/${NAME}/invoke`, { command: 'system.which', params: { bins: ['sh'] } });
  return r.status === 200 ? r : undefined;
}

/**
 * Polls until the node answers `system.which` on `gw`, approving its pairing request there
 * whenever one shows (each independent gateway pairs the node through its own approval).
 */
export function servedOn(gw: RealGateway, what: string, timeoutMs = 30_000): Promise<ApiAnswer> {
  return poll(
    async () => {
      const pending = (await gw.api('/v1/pairing')).json.pending?.find((p: { displayName?: string }) => p.displayName === NAME);
      if (pending) await gw.api(`/v1/pairing/${pending.requestId}/approve`, {});
      return whichOn(gw);
    },
    what,
    { timeoutMs },
  );
}

/** The node's device id, as gateway `gw` lists it, and whether it is connected there. */
export async function nodeOn(gw: RealGateway): Promise<{ nodeId: string; connected: boolean } | undefined> {
  const nodes = (await gw.api('/v1/nodes')).json.nodes as Array<{ nodeId: string; displayName?: string; connected?: boolean }> | undefined;
  return nodes?.find((n) => n.displayName === NAME) as { nodeId: string; connected: boolean } | undefined;
}
