import { BIN } from './paths.js';
import { poll } from './poll.js';
import { startProcess } from './processes.js';
import { tokenApi, type ApiAnswer } from './token-api.js';
import { shareLocalProof } from './local-proof.js';

export type { ApiAnswer };

/**
 * A gateway process on loopback and node host processes approved on it, driven over the
 * gateway's HTTP API with its token: what cross-process plugin tests share.
 */
export class GatewayCluster {
  readonly nodeIds: Record<string, string> = {};
  private readonly processes: Array<ReturnType<typeof startProcess>> = [];
  gateway: ReturnType<typeof startProcess> | undefined;
  private gatewayStateDir: string | undefined;

  constructor(
    readonly port: number,
    readonly token: string,
  ) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** One call to the HTTP API with the gateway token: GET without a body, POST with one. */
  api(path: string, body?: unknown): Promise<ApiAnswer> {
    return tokenApi(this.port, this.token, path, body);
  }

  /** `POST /v1/nodes/:node/invoke` on the node started under `name`. */
  invoke(name: string, command: string, params: unknown): Promise<ApiAnswer> {
    return this.api(`/v1/nodes/${this.nodeIds[name]}/invoke`, { command, params });
  }

  /** Starts `openclaw gateway run` on the port with `env` (its state dir and config) and waits until it listens. */
  async startGateway(env: NodeJS.ProcessEnv, ...extra: string[]): Promise<void> {
    this.gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(this.port), ...extra], env, /listening on/);
    this.gatewayStateDir = env.OPENCLAW_STATE_DIR;
    await this.gateway.started;
  }

  /**
   * Starts `openclaw node run --display-name <name>` with `env`, approves its pairing request
   * over HTTP and waits until it answers `system.which`; its id lands in `nodeIds[name]`.
   */
  async startApprovedNode(name: string, env: NodeJS.ProcessEnv): Promise<ReturnType<typeof startProcess>> {
    // On the gateway's machine: the node shows the gateway's local proof, as with one shared state dir.
    if (this.gatewayStateDir && env.OPENCLAW_STATE_DIR) shareLocalProof(this.gatewayStateDir, env.OPENCLAW_STATE_DIR);
    const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(this.port), '--display-name', name], { ...env, OPENCLAW_GATEWAY_TOKEN: this.token }, /connected to|waiting for approval/);
    this.processes.push(node);
    await node.started;
    const pending = await poll(async () => (await this.api('/v1/pairing')).json.pending.find((p: any) => p.displayName === name), `${name} asking for approval`);
    const approved = await this.api(`/v1/pairing/${pending.requestId}/approve`, {});
    if (approved.status !== 200) throw new Error(`approving ${name} failed: ${JSON.stringify(approved.json)}`);
    this.nodeIds[name] = pending.nodeId;
    // Approved surfaces apply on the node's next connect; wait until the node answers.
    await poll(async () => ((await this.invoke(name, 'system.which', { bins: ['sh'] })).status === 200 ? true : undefined), `${name} serving after approval`);
    return node;
  }

  /** Stops every node, then the gateway. */
  async stop(): Promise<void> {
    for (const node of this.processes) await node.stop();
    await this.gateway?.stop();
  }
}
