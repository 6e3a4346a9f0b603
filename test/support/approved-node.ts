import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shareLocalProof } from './local-proof.js';
import { BIN } from './paths.js';
import { poll } from './poll.js';
import { startProcess } from './processes.js';
import { tokenApi } from './token-api.js';

export interface ApprovedNodeOptions {
  /** The gateway's port and token (HTTP API and the node's connection). */
  readonly port: number;
  readonly token: string;
  /** The node's state dir; its openclaw.json is written there. */
  readonly dir: string;
  /** The gateway's state dir: the node shares its local proof, as one machine with one state dir would. */
  readonly gatewayStateDir: string;
  readonly displayName: string;
  /** The node machine's openclaw.json. */
  readonly config: unknown;
  /** Extra environment for the node host (a bus address, ...). */
  readonly env?: Record<string, string>;
  /** A command the node's approved surface must route before the node counts as up. */
  readonly routable: string;
}

/**
 * A headless node host (`openclaw node run`) with its own config, on the gateway's machine
 * (it reads the gateway's local proof), approved through the gateway's HTTP API as soon as
 * it asks, and up once `routable` shows in its description.
 */
export async function startApprovedNode(o: ApprovedNodeOptions): Promise<{ node: ReturnType<typeof startProcess>; nodeId: string }> {
  writeFileSync(join(o.dir, 'openclaw.json'), JSON.stringify(o.config), { mode: 0o600 });
  shareLocalProof(o.gatewayStateDir, o.dir);
  const env = { ...process.env, OPENCLAW_STATE_DIR: o.dir, OPENCLAW_GATEWAY_TOKEN: o.token, ...o.env };
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(o.port), '--display-name', o.displayName], env, /connected to|waiting for approval/);
  await node.started;
  const api = (path: string, body?: unknown) => tokenApi(o.port, o.token, path, body);
  const pending = await poll(async () => (await api('/v1/pairing')).json.pending.find((p: any) => p.displayName === o.displayName), `${o.displayName} asking for approval`);
  const approved = await api(`/v1/pairing/${pending.requestId}/approve`, {});
  if (approved.status !== 200) throw new Error(`approving ${o.displayName} failed: ${JSON.stringify(approved.json)}`);
  await poll(async () => ((await api(`/v1/nodes/${pending.nodeId}`)).json.commands?.includes(o.routable) ? true : undefined), `${o.routable} routable on ${o.displayName}`);
  return { node, nodeId: pending.nodeId };
}
