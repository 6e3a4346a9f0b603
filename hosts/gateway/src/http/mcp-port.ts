import { open } from 'node:fs/promises';
import type { CommandSpec } from '@openclaw-nodes/core/plugin';
import { builtinCommandSpecs, type GatewayPort } from '@openclaw-nodes/mcp';
import type { GatewayContext } from '../gateway-context.js';
import { callMethod } from '../methods/call-method.js';
import type { MethodTable } from '../methods/method-spec.js';
import { mcpCallerLabel } from '../metrics/mcp-client-calls.js';
import type { HttpCaller } from './http-caller.js';
import { qualifiedUrl } from '../media/media-urls.js';
import { readRemoteMedia } from '../media/remote-media-read.js';

/** Throws (the read is skipped) for media past what the caller reads whole. */
const tooBig = (bytes: number, maxBytes: number) => {
  if (bytes > maxBytes) throw new RangeError(`${bytes} bytes is over ${maxBytes}`);
};

/** Events an MCP session follows: node changes (its tool list) and exec approval requests (its own pending calls). */
const FOLLOWED: ReadonlySet<string> = new Set(['node.connected', 'node.disconnected', 'node.surface', 'node.pair.resolved', 'exec.approval.requested']);

/** Who an HTTP caller is in logs and metrics: `token`, `none` or `device:<id>`. */
export const callerLabel = (caller: HttpCaller): string => mcpCallerLabel(caller);

/**
 * The gateway itself as an MCP session's port: methods run in process as `caller` (its scopes,
 * the command policy, exec routing and approvals apply as for `/v1`), command specs come from
 * the gateway's plugins then the built-ins, media is read from the gateway's store.
 * `baseUrl` is where the caller reached the gateway, for resource links.
 */
export async function inProcessPort(ctx: GatewayContext, methods: MethodTable, caller: HttpCaller, baseUrl: string): Promise<GatewayPort> {
  const builtins = await builtinCommandSpecs();
  const label = callerLabel(caller);
  return {
    caller: label,
    call: async (method, params) => callMethod(ctx, methods, caller, method, params),
    hasScope: (scope) => caller.hasScope(scope),
    commandSpec: (command): CommandSpec | undefined => ctx.plugins.commandSpec(command) ?? builtins.get(command),
    subscribe: (listener) => ctx.hub.listen((event, payload) => FOLLOWED.has(event) && listener(event, payload)),
    readMedia: async (url, maxBytes) => {
      const held = ctx.cluster && qualifiedUrl(url);
      if (held) return readRemoteMedia(ctx.cluster!.media, held, (pull) => tooBig(pull.bytes, maxBytes)).catch(() => undefined);
      const stored = ctx.media.lookup(url);
      if (!stored || stored.bytes > maxBytes) return undefined;
      const file = await open(stored.path, 'r');
      try {
        const bytes = Buffer.alloc(stored.bytes);
        const { bytesRead } = await file.read(bytes, 0, stored.bytes, 0);
        return { bytes: bytes.subarray(0, bytesRead), contentType: stored.contentType };
      } finally {
        await file.close();
      }
    },
    // Only a url the store holds: an id of its own alphabet under /v1/media/, nothing absolute, no `..`.
    // A qualified url (`/v1/media/<member>.<id>`) only as the node's own member wrote it; this member pulls it.
    mediaUrl: (url) => (ctx.media.lookup(url) || (ctx.cluster && qualifiedUrl(url)) ? new URL(url, new URL(baseUrl).origin).href : undefined),
    withdraw: async (id, reason) => void ctx.approvals.withdraw(id, reason),
    record: (tool, outcome) => ctx.metrics.mcp.record(tool, outcome, label),
    log: (_level, _message, fields) => ctx.hub.emit('mcp.tool.call', fields),
  };
}
