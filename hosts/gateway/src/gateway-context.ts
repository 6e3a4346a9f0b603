import type { GatewayProof } from '@openclaw-nodes/core/identity';
import type { PluginHost } from '@openclaw-nodes/core/plugin';
import type { ApprovalQueue } from './exec/approval-queue.js';
import type { Hub } from './hub.js';
import type { InvokeRouter } from './invoke/invoke-router.js';
import type { DeviceAdmission } from './pairing/device-admission.js';
import type { CommandPolicy } from './policy/command-policy.js';
import type { NodeRegistry } from './registry/node-registry.js';
import type { AuthLimiter } from './auth/auth-limiter.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import type { MediaStore } from './media/media-store.js';
import type { PairingRecords } from './state/pairing-records.js';
import type { ClusterView } from './cluster/cluster-view.js';

/** Settings the gateway reads at run time (from config, with CLI overrides applied). */
export interface GatewaySettings {
  /** Shared secret; undefined with `auth.mode: "none"`. */
  token: string | undefined;
  authMode: 'token' | 'none';
  autoApproveLocal: boolean;
  /** `gateway.nodes.pairing.requireCode`: approving a node that is not on loopback needs its verification code. */
  requirePairingCode: boolean;
  tickIntervalMs: number;
  handshakeTimeoutMs: number;
  /** Origins (scheme://host:port) a browser may connect from, besides the gateway's own. */
  allowedOrigins: readonly string[];
  version: string;
}

/** The shared services every connection handler and RPC method works with. */
export interface GatewayContext {
  readonly settings: GatewaySettings;
  readonly store: PairingRecords;
  readonly hub: Hub;
  readonly registry: NodeRegistry;
  readonly invoker: InvokeRouter;
  readonly policy: CommandPolicy;
  /** The plugins the gateway runs: their command tables, error codes and result processors. */
  readonly plugins: PluginHost;
  readonly admission: DeviceAdmission;
  readonly limiter: AuthLimiter;
  readonly metrics: GatewayMetrics;
  /** Media nodes delivered out of band: upload slots and the files behind result `url`s. */
  readonly media: MediaStore;
  /** Exec approval requests waiting for an operator. */
  readonly approvals: ApprovalQueue;
  /** The gateway's own Ed25519 public key (wire form), from `<state dir>/identity/gateway.json`. */
  readonly publicKey: string;
  /** Signs a node's upgrade nonce with the gateway identity key (`connect.challenge.gatewayProof`). */
  readonly proveIdentity: (clientNonce: string, challengeNonce: string) => GatewayProof;
  readonly bootId: string;
  readonly startedAtMs: number;
  /** Set when the gateway is a cluster member (`gateway.cluster`). */
  readonly cluster?: ClusterView;
  /**
   * This run's local proof (`<state dir>/gateway/local-proof.json`): a connection that
   * presents it comes from a process on this machine that could read the state dir.
   */
  readonly localProof: string;
}
