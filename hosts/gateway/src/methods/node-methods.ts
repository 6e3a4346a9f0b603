import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { stringifyJson } from '@openclaw-nodes/core/protocol';
import type { GatewayContext } from '../gateway-context.js';
import type { PairedDevice } from '../state/pairing-model.js';
import { invokeTimeoutMs } from '../invoke/invoke-router.js';
import { checkNodeMedia, mediaForCaller } from '../media/media-result.js';
import { checkAnswerFits } from './invoke-answer-size.js';
import { assertWithinReach } from '../pairing/approval-authority.js';
import { PAIRING, READ, WRITE, type Caller, type MethodTable } from './method-spec.js';

const ADMIN_INVOKE = new Set(['browser.proxy', 'browser.proxy.upload.v1', 'fs.listDir', 'terminal.upload']);

const unknownNode = (nodeId: string) => new OpenClawError('UNKNOWN_NODE', 'unknown nodeId', { details: { nodeId } });

/**
 * `PAIRING_CHANGED`: the node is not paired, or has no approved command surface yet
 * (PROTOCOL.md 5.2). The message starts as OpenClaw's; when the node's commands wait for an
 * operator (a node paired silently as local still has its first surface approved) it says
 * what to run, with the request id in `details.pendingRequestId`.
 */
export const pairingChanged = (device?: PairedDevice) => {
  const pending = device?.nodeSurface ? undefined : device?.pendingNodeSurface?.requestId;
  const hint = pending ? `: the node's commands are waiting for approval; run \`openclaw nodes approve ${pending}\`` : '';
  return new OpenClawError('PAIRING_CHANGED', `node pairing changed while invocation was active${hint}`, { retryable: true, ...(pending ? { details: { pendingRequestId: pending } } : {}) });
};

/**
 * Resolves and checks an invoke before anything reaches the node (PROTOCOL.md section 6.1).
 * Shared by `node.invoke`, exec approvals relays and the HTTP routes.
 */
export function routableNode(ctx: GatewayContext, nodeId: string, command: string) {
  const device = ctx.store.device(nodeId);
  if (!device?.roles.includes('node') || !device.nodeSurface) throw pairingChanged(device);
  const session = ctx.registry.route(nodeId);
  if (!session) {
    throw new OpenClawError('NOT_CONNECTED', 'node not connected', {
      details: { nodeError: { code: 'NOT_CONNECTED', message: 'node not connected' }, nodeCommandDispatched: false },
    });
  }
  ctx.cluster?.checkReachable(session);
  const refusal = ctx.policy.refusal(command, session.claim.platform, session.claim.deviceFamily);
  if (refusal) throw refusal;
  if (!device.nodeSurface.commands.includes(command)) {
    if (session.claim.commands.includes(command)) {
      throw new OpenClawError('COMMAND_NOT_ALLOWED', `node command not allowed: "${command}" is awaiting operator approval; run \`openclaw nodes approve ${device.pendingNodeSurface?.requestId ?? '<requestId>'}\``, {
        details: { reason: 'command pending approval', command },
      });
    }
    throw notDeclared(session.claim.platform, command);
  }
  if (!session.claim.commands.includes(command)) throw notDeclared(session.claim.platform, command);
  return session;
}

const notDeclared = (platform: string, command: string) =>
  new OpenClawError('COMMAND_NOT_DECLARED', `node command not allowed: the node (platform: ${platform}) does not support "${command}"`, {
    details: { reason: 'command not declared by node', command },
  });

export interface NodeInvokeParams {
  nodeId: string;
  command: string;
  params?: unknown;
  timeoutMs?: number;
  idempotencyKey: string;
  sessionKey?: string;
}

export const nodeMethods: MethodTable = {
  'node.list': {
    role: 'operator',
    scopes: READ,
    handle: ({ ctx }) => ({ ts: Date.now(), nodes: ctx.registry.list() }),
  },

  'node.describe': {
    role: 'operator',
    scopes: READ,
    handle: ({ ctx, params }: { ctx: GatewayContext; params: { nodeId: string } }) => {
      const device = ctx.store.device(params.nodeId);
      const session = ctx.registry.route(params.nodeId);
      if (!session && !device?.roles.includes('node')) throw unknownNode(params.nodeId);
      return { ts: Date.now(), ...ctx.registry.entry(params.nodeId, session, device) };
    },
  },

  'node.rename': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { nodeId: string; displayName: string } }) => {
      const displayName = params.displayName.trim();
      if (!displayName) throw new OpenClawError('INVALID_REQUEST', 'displayName required');
      const device = ctx.store.device(params.nodeId);
      if (!device?.roles.includes('node')) throw unknownNode(params.nodeId);
      assertWithinReach(conn, device.deviceId);
      device.renamedTo = displayName;
      await ctx.store.save();
      return { nodeId: params.nodeId, displayName };
    },
  },

  'node.invoke': {
    role: 'operator',
    scopes: WRITE,
    dynamicScopes: (p: NodeInvokeParams) => (ADMIN_INVOKE.has(p.command) ? ['operator.admin'] : []),
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: NodeInvokeParams }) => {
      const { command } = params;
      if (command.startsWith('system.execApprovals.')) {
        throw new OpenClawError('INVALID_REQUEST', 'node.invoke does not allow system.execApprovals.*; use exec.approvals.node.*', { details: { command } });
      }
      if (/^worker\..*\.v\d+$/.test(command)) {
        throw new OpenClawError('INVALID_REQUEST', 'node.invoke does not allow private node controls', { details: { command } });
      }
      routableNode(ctx, params.nodeId, command);
      let forwarded = params.params;
      if (command === 'system.run' && isRecord(forwarded)) {
        const run = normalizeSystemRun(forwarded);
        // A runId naming an approval this caller asked for (`nodes run`): wait for the answer.
        forwarded = ctx.approvals.claims.has(run.runId) ? { ...run, ...(await ctx.approvals.claims.take(run.runId, conn, params.nodeId, run)) } : run;
        // Whoever asked left while the operators decided (Ctrl-C on `nodes run`): run nothing for nobody.
        if (conn.open === false) throw new OpenClawError('CONNECTION_CLOSED', 'the caller disconnected while its command waited for approval; nothing was run');
      }
      // Taken after any wait: the node may have left meanwhile.
      const session = routableNode(ctx, params.nodeId, command);
      // The caller's deadline covers the gateway's own processing of the result too.
      const deadline = performance.now() + invokeTimeoutMs(params.timeoutMs);
      const outcome = await ctx.invoker.invoke(session, command, forwarded, {
        timeoutMs: params.timeoutMs,
        idempotencyKey: params.idempotencyKey,
        sessionKey: params.sessionKey,
      });
      checkNodeMedia(ctx.media, session, outcome);
      // The owning plugin's gateway side shapes what every operator (WebSocket, HTTP, CLI) sees.
      const processed = ctx.plugins.processes(command)
        ? await ctx.plugins.postProcess(command, outcome.payload, { nodeId: params.nodeId, params: forwarded }, deadline - performance.now())
        : outcome.payload;
      // `payload` is always present: a processor that returned nothing gave `null`.
      const payload = (await mediaForCaller(ctx.media, conn, processed, ctx.cluster?.media)) ?? null;
      const payloadJSON = payload === outcome.payload ? outcome.payloadJSON : stringifyJson(payload, `${command} result`);
      checkAnswerFits(conn, command, payloadJSON);
      return { ok: true, nodeId: params.nodeId, command, payload, payloadJSON };
    },
  },
};

/**
 * The gateway adds a `runId` and drops a non-positive timeout, and never forwards
 * caller-supplied approval flags (CVE-2026-28466: approvals are decided on the node).
 */
function normalizeSystemRun(params: Record<string, unknown>): Record<string, unknown> {
  const { approved: _a, approvalDecision: _d, approvalSource: _s, ...rest } = params;
  if (typeof rest.timeoutMs === 'number' && rest.timeoutMs <= 0) delete rest.timeoutMs;
  if (typeof rest.runId !== 'string' || !rest.runId) rest.runId = randomUUID();
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
