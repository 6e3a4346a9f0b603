import { OpenClawError, isPluginCodeShape } from '@openclaw-nodes/core/errors';
import { deliverMediaInline, type DeliveredMedia, type InvokeContext, type MediaFile } from '@openclaw-nodes/core/plugin';
import { MAX_PAYLOAD_DEPTH, parseJsonBounded, stringifyJson, timerDelay } from '@openclaw-nodes/core/protocol';
import type { RpcPeer } from '@openclaw-nodes/core/rpc';
import type { NodeError } from '@openclaw-nodes/core/protocol';
import { eventSender, type HandlerLog } from './event-sender.js';
import { LazyAbort } from './lazy-abort.js';

/** What the node host needs from its plugin host. */
export interface CommandRunner {
  caps(): string[];
  commands(): string[];
  permissions(): Promise<Record<string, boolean>>;
  invoke(command: string, params: unknown, ctx: InvokeContext): Promise<unknown>;
}

interface InvokeRequest {
  id: string;
  nodeId: string;
  command: string;
  paramsJSON?: string | null;
  params?: unknown;
  timeoutMs?: number;
}

/**
 * Codes a node reports as they are; anything else travels as its wire code. Messages keep
 * their leading machine token (`SYSTEM_RUN_DENIED: …`), which is what clients match on.
 */
const NODE_CODES: ReadonlySet<string> = new Set([
  'INVALID_REQUEST',
  'UNAVAILABLE',
  'SYSTEM_RUN_DENIED',
  'NODE_BACKGROUND_UNAVAILABLE',
  'NODE_INVOKE_FAILED',
  'TIMEOUT',
  'ABORTED',
  'PERMISSION_MISSING',
  'PAYLOAD_TOO_DEEP',
  'PAYLOAD_TOO_LARGE',
  'MIC_PERMISSION_REQUIRED',
]);

/** The node's error for a failed call; an undeclared plugin code travels in `details.originalCode`. */
function nodeError(err: unknown): NodeError {
  const e = OpenClawError.from(err, 'NODE_INVOKE_FAILED');
  // A domain code that leads its own message (`CANVAS_EVAL_FAILED: …`), or that its plugin
  // declares matchable, is meant for clients too (COMMANDS.md 1.2).
  const matchable = NODE_CODES.has(e.code) || e.message.startsWith(`${e.code}:`) || e.codeInfo?.matchable === true;
  const code = matchable ? e.code : e.wireCode;
  const originalCode = e.details?.originalCode;
  return isPluginCodeShape(originalCode) ? { code, message: e.message, details: { originalCode } } : { code, message: e.message };
}

/** Delivers one handler's media file for the invoke `invokeId` (inline, or out of band). */
export type MediaDelivery = (invokeId: string, file: MediaFile, signal: AbortSignal) => Promise<DeliveredMedia>;

/**
 * Serves `node.invoke.request` events of one connection, and aborts running handlers on
 * `node.invoke.cancel` or when the connection ends.
 */
export class InvokeHandler {
  private readonly running = new Map<string, LazyAbort>();

  constructor(
    private readonly peer: RpcPeer,
    private readonly runner: CommandRunner,
    // Inline within what one frame of this connection carries, unless the host knows better.
    private readonly media: MediaDelivery = (_id, file) => deliverMediaInline(file, peer.maxPayloadBytes),
    private readonly log?: HandlerLog,
  ) {}

  attach(): void {
    this.peer.on('node.invoke.request', (payload) => void this.handle(payload as InvokeRequest));
    this.peer.on('node.invoke.cancel', (payload) => {
      const id = (payload as { invokeId?: string }).invokeId;
      if (id) this.running.get(id)?.abort(new OpenClawError('ABORTED', 'invoke cancelled by the gateway'));
    });
  }

  abortAll(): void {
    for (const controller of this.running.values()) controller.abort(new OpenClawError('ABORTED', 'connection to the gateway closed'));
    this.running.clear();
  }

  private async handle(req: InvokeRequest): Promise<void> {
    if (!req || typeof req.id !== 'string' || typeof req.command !== 'string') return;
    const controller = new LazyAbort();
    this.running.set(req.id, controller);
    let result: Record<string, unknown>;
    try {
      const params = decodeParams(req);
      const ctx: InvokeContext = {
        invokeId: req.id,
        command: req.command,
        get signal() {
          return controller.signal;
        },
        // The gateway is a peer too: a deadline past what a timer holds would fire at once.
        timeoutMs: typeof req.timeoutMs === 'number' ? timerDelay(req.timeoutMs) : undefined,
        emitEvent: eventSender(this.peer, req.command, this.log),
        deliverMedia: (file) => this.media(req.id, file, controller.signal),
      };
      const value = await this.runner.invoke(req.command, params, ctx);
      // A cycle, a BigInt or a throwing toJSON is the plugin's bug: a coded error, not the engine's text.
      result = { id: req.id, nodeId: req.nodeId, ok: true, payloadJSON: stringifyJson(value ?? null, `the ${req.command} result`, 'NODE_INVOKE_FAILED') };
    } catch (err) {
      result = { id: req.id, nodeId: req.nodeId, ok: false, error: nodeError(err) };
    } finally {
      this.running.delete(req.id);
    }
    // The gateway answers {ok:true} (or ignored:true when it gave up); nothing to do with it.
    this.peer.request('node.invoke.result', result).catch((err: unknown) => {
      // A result too large for one frame is never sent: tell the caller now, not at its timeout.
      if (!result.ok || !(err instanceof OpenClawError) || err.code !== 'PAYLOAD_TOO_LARGE') return;
      const message = `PAYLOAD_TOO_LARGE: the ${req.command} result is too large to send: ${err.message}`;
      this.peer.request('node.invoke.result', { id: req.id, nodeId: req.nodeId, ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message } }).catch(() => undefined);
    });
  }
}

/**
 * The invoke's params, with `paramsJSON` bounded like every payload: plugins walk params
 * recursively (schemas, argv building), which a few thousand levels of nesting would overflow.
 */
function decodeParams(req: InvokeRequest): unknown {
  if (typeof req.paramsJSON === 'string') {
    try {
      return parseJsonBounded(req.paramsJSON, MAX_PAYLOAD_DEPTH, 'PAYLOAD_TOO_DEEP: paramsJSON');
    } catch (err) {
      if (err instanceof OpenClawError) throw err;
      throw new OpenClawError('INVALID_REQUEST', 'INVALID_REQUEST: paramsJSON is not valid JSON');
    }
  }
  return req.params ?? undefined;
}
