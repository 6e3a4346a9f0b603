import { randomUUID } from 'node:crypto';
import { OpenClawError, type ErrorCode } from '@openclaw-nodes/core/errors';
import { MAX_PAYLOAD_DEPTH, parseJsonBounded, stringifyJson, timerDelay, tooDeep, valueTooDeep } from '@openclaw-nodes/core/protocol';
import type { NodeSession } from '../registry/node-session.js';

export const DEFAULT_INVOKE_TIMEOUT_MS = 30_000;

export interface InvokeOutcome {
  /** The node's result: parsed payloadJSON, or the node's `payload` object. */
  payload: unknown;
  /** The raw string the node sent, or null when it sent an object. */
  payloadJSON: string | null;
  /** The id the gateway gave the call (`node.invoke.request` id): media the node uploaded for it carries it. */
  invokeId: string;
}

/** How a dispatched invoke ended: the node answered ok, reported a failure, or never answered. */
export type InvokeEnd = 'ok' | 'error' | 'timeout' | 'disconnected' | 'aborted';

/** Told once per dispatched invoke as it ends; `startedAt` is `performance.now()` at dispatch. */
export type InvokeObserver = (nodeId: string, command: string, end: InvokeEnd, startedAt: number) => void;

interface Pending {
  readonly session: NodeSession;
  readonly command: string;
  readonly startedAt: number;
  readonly resolve: (outcome: InvokeOutcome) => void;
  readonly reject: (err: OpenClawError) => void;
  readonly timer: NodeJS.Timeout;
}

export interface InvokeResultParams {
  id: string;
  nodeId: string;
  ok: boolean;
  payload?: unknown;
  payloadJSON?: string | null;
  error?: { code?: string; message?: string; details?: { originalCode?: string } } | null;
}

/** How long a call with the caller's `timeoutMs` may take, ms: the default when unset or not positive. */
export const invokeTimeoutMs = (timeoutMs: number | undefined): number => (timeoutMs && timeoutMs > 0 ? timerDelay(timeoutMs) : DEFAULT_INVOKE_TIMEOUT_MS);

/**
 * Correlates `node.invoke.request` events with the node's `node.invoke.result` replies.
 * Never hangs: every call ends with the result, TIMEOUT (and a cancel to the node), or
 * DISCONNECTED the moment the node's socket closes.
 */
export class InvokeRouter {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly observer?: InvokeObserver) {}

  get size(): number {
    return this.pending.size;
  }

  /** Whether call `id` was sent to `session` and is still waiting for its result. */
  isPending(session: NodeSession, id: string): boolean {
    return this.pending.get(id)?.session === session;
  }

  invoke(
    session: NodeSession,
    command: string,
    params: unknown,
    options: { timeoutMs?: number; idempotencyKey?: string; sessionKey?: string } = {},
  ): Promise<InvokeOutcome> {
    // A socket already closing would swallow the request and leave the caller waiting out
    // its whole timeout: refuse now, as for a node that is not connected at all.
    if (!session.conn.open) return Promise.reject(nodeFailure('DISCONNECTED', `node disconnected (${command})`, false));
    // Refused here, before anything is pending: the node would refuse it anyway (it bounds
    // paramsJSON the same way), and a value JSON cannot hold must not leave a pending entry.
    if (valueTooDeep(params, MAX_PAYLOAD_DEPTH)) return Promise.reject(tooDeep(`${command} params`, MAX_PAYLOAD_DEPTH));
    const id = randomUUID();
    const timeoutMs = invokeTimeoutMs(options.timeoutMs);
    const request: Record<string, unknown> = { id, nodeId: session.nodeId, command, paramsJSON: null, timeoutMs };
    try {
      if (params !== undefined) request.paramsJSON = stringifyJson(params, `${command} params`);
    } catch (err) {
      return Promise.reject(err);
    }
    if (options.idempotencyKey !== undefined) request.idempotencyKey = options.idempotencyKey;
    if (options.sessionKey !== undefined) request.sessionKey = options.sessionKey;
    return new Promise<InvokeOutcome>((resolve, reject) => {
      // Sent before anything is pending: a request the node could not take (past the frame
      // limit once paramsJSON is escaped) fails now and leaves nothing to time out.
      session.conn.targeted('node.invoke.request', request);
      const timer = setTimeout(() => this.timeout(id), timeoutMs);
      this.pending.set(id, { session, command, startedAt: performance.now(), resolve, reject, timer });
      session.inflight.add(id);
    });
  }

  /**
   * Handles `node.invoke.result`; late, unknown or duplicate results are ignored, not errors.
   * A payload nested past `MAX_PAYLOAD_DEPTH` fails the call with `PAYLOAD_TOO_DEEP` (as a
   * node failure) and is refused to the node with the same code.
   */
  result(session: NodeSession, params: InvokeResultParams): { ok: true; ignored?: true } {
    const pending = this.pending.get(params.id);
    if (!pending || pending.session !== session) return { ok: true, ignored: true };
    if (params.ok) {
      let outcome: InvokeOutcome;
      try {
        outcome = { ...decodePayload(params), invokeId: params.id };
      } catch (err) {
        const refusal = OpenClawError.from(err);
        this.unreadableResult(session, params.id, refusal);
        throw refusal;
      }
      this.settle(params.id, pending, 'ok');
      pending.resolve(outcome);
    } else {
      this.settle(params.id, pending, 'error');
      const code = typeof params.error?.code === 'string' && params.error.code ? params.error.code : 'UNAVAILABLE';
      const message = typeof params.error?.message === 'string' ? params.error.message : 'node invocation failed';
      pending.reject(nodeFailure(code, message, true, params.error?.details?.originalCode));
    }
    return { ok: true };
  }

  /**
   * A node's result for call `id` could not be read (its payload, or the whole frame, nested
   * past the bound): the call fails now with that error, as a node failure, instead of
   * waiting out its timeout. Unknown ids and other nodes' calls are ignored.
   */
  unreadableResult(session: NodeSession, id: string, error: OpenClawError): void {
    this.refused(session, id, nodeFailure(error.code, error.message, true));
  }

  /**
   * Call `id` fails with `error` as it stands: a check the gateway itself makes failed on the
   * node's own cluster member (media the node did not upload for this call). Unknown ids and
   * other nodes' calls are ignored.
   */
  refused(session: NodeSession, id: string, error: OpenClawError): void {
    const pending = this.pending.get(id);
    if (!pending || pending.session !== session) return;
    this.settle(id, pending, 'error');
    pending.reject(error);
  }

  /** The node's socket closed: fail its calls now rather than at their timeouts. */
  disconnected(session: NodeSession): void {
    for (const id of session.inflight) {
      const pending = this.pending.get(id);
      if (!pending) continue;
      this.settle(id, pending, 'disconnected');
      pending.reject(nodeFailure('DISCONNECTED', `node disconnected (${pending.command})`, true));
    }
    session.inflight.clear();
  }

  /** Fails everything (gateway shutdown). */
  abortAll(reason: string): void {
    for (const [id, pending] of this.pending) {
      this.settle(id, pending, 'aborted');
      pending.reject(nodeFailure('ABORTED', reason, true));
    }
  }

  private timeout(id: string): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.settle(id, pending, 'timeout');
    pending.session.conn.targeted('node.invoke.cancel', { invokeId: id, nodeId: pending.session.nodeId });
    pending.reject(nodeFailure('TIMEOUT', 'node invoke timed out', true));
  }

  private settle(id: string, pending: Pending, end: InvokeEnd): void {
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.session.inflight.delete(id);
    this.observer?.(pending.session.nodeId, pending.command, end, pending.startedAt);
  }
}

const WRAPPED: ReadonlySet<string> = new Set(['TIMEOUT', 'DISCONNECTED', 'ABORTED', 'CLUSTER_UNAVAILABLE']);

/**
 * A node-side failure as OpenClaw reports it to the operator: `UNAVAILABLE "<CODE>: <msg>"`
 * with `details.nodeError` (and `details.originalCode` when the node names an undeclared plugin
 * code). The node's own message often starts with its code already.
 */
export function nodeFailure(code: string, message: string, dispatched: boolean, originalCode?: string): OpenClawError {
  const text = message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
  const ours: ErrorCode = WRAPPED.has(code) ? (code as ErrorCode) : 'UNAVAILABLE';
  // An undeclared plugin code the node reported as NODE_INVOKE_FAILED stays visible to the caller.
  const original = originalCode === undefined ? {} : { originalCode };
  return new OpenClawError(ours, text, {
    details: { nodeError: { code, message }, nodeCommandDispatched: dispatched, ...original },
  });
}

/** @throws OpenClawError `PAYLOAD_TOO_DEEP` for a payload or payloadJSON nested past the limit. */
function decodePayload(params: InvokeResultParams): Omit<InvokeOutcome, 'invokeId'> {
  if (typeof params.payloadJSON === 'string') {
    try {
      return { payload: parseJsonBounded(params.payloadJSON, MAX_PAYLOAD_DEPTH, "the node's payloadJSON"), payloadJSON: params.payloadJSON };
    } catch (err) {
      if (err instanceof OpenClawError) throw err;
      // COMMANDS.md 1.1: a non-JSON payloadJSON is exposed, not failed.
      return { payload: { payloadJSON: params.payloadJSON }, payloadJSON: params.payloadJSON };
    }
  }
  if (valueTooDeep(params.payload, MAX_PAYLOAD_DEPTH)) throw tooDeep("the node's payload", MAX_PAYLOAD_DEPTH);
  return { payload: params.payload ?? null, payloadJSON: null };
}
