import type { InvokeContext } from '@openclaw-nodes/core/plugin';
import { stringifyJson } from '@openclaw-nodes/core/protocol';
import type { RpcPeer } from '@openclaw-nodes/core/rpc';
import { describeThrown } from '@openclaw-nodes/core/errors';

/** Where the invoke handler reports what it drops. */
export type HandlerLog = (level: 'warn', message: string, fields?: Record<string, unknown>) => void;

/**
 * The `ctx.emitEvent` of one call to `command`: fire and forget, so it never throws, even
 * after the handler returned. A payload JSON cannot hold (a cycle, a BigInt, a throwing
 * toJSON), or one the gateway refuses (too large, too deep) is logged with the command and dropped.
 */
export function eventSender(peer: RpcPeer, command: string, log?: HandlerLog): InvokeContext['emitEvent'] {
  const drop = (event: unknown, why: string) => log?.('warn', `dropped the "${describeThrown(event)}" event of ${command}: ${why}`, { command });
  return (event, payload) => {
    try {
      const payloadJSON = stringifyJson(payload, 'its payload');
      peer.request('node.event', { event, payloadJSON }).catch((err: unknown) => drop(event, describeThrown(err)));
    } catch (err) {
      drop(event, describeThrown(err));
    }
  };
}
