import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { METHOD_RESULT_SCHEMAS, NodeInvokeParamsSchema, NodeRenameParamsSchema } from '@openclaw-nodes/core/protocol';
import { defineRoute } from './api-route.js';
import { targetNode } from './node-target.js';

const TAG = 'nodes';
const byNode = z.strictObject({ node: z.string().min(1).describe('Node id, id prefix (6+ characters), display name or IP') });

/** `node.invoke` without the node (it is in the path); the idempotency key is made up when absent. */
const invokeBody = NodeInvokeParamsSchema.omit({ nodeId: true }).extend({ idempotencyKey: NodeInvokeParamsSchema.shape.idempotencyKey.optional() });

/** Listing, describing, renaming, removing and invoking nodes; each mirrors a WebSocket method. */
export const nodeRoutes = [
  defineRoute({
    verb: 'GET',
    path: '/v1/nodes',
    tag: TAG,
    summary: 'List paired and connected nodes',
    rpc: 'node.list',
    response: METHOD_RESULT_SCHEMAS['node.list'],
    handle: ({ call }) => call('node.list', {}),
  }),
  defineRoute({
    verb: 'GET',
    path: '/v1/nodes/:node',
    tag: TAG,
    summary: 'Describe one node',
    rpc: 'node.describe',
    params: byNode,
    response: METHOD_RESULT_SCHEMAS['node.describe'],
    handle: ({ ctx, path, call }) => call('node.describe', { nodeId: targetNode(ctx, path.node) }),
  }),
  defineRoute({
    verb: 'PATCH',
    path: '/v1/nodes/:node',
    tag: TAG,
    summary: "Rename a node (the gateway's display name for it)",
    rpc: 'node.rename',
    params: byNode,
    body: NodeRenameParamsSchema.omit({ nodeId: true }),
    response: METHOD_RESULT_SCHEMAS['node.rename'],
    handle: ({ ctx, path, body, call }) => call('node.rename', { nodeId: targetNode(ctx, path.node), displayName: body.displayName }),
  }),
  defineRoute({
    verb: 'DELETE',
    path: '/v1/nodes/:node',
    tag: TAG,
    summary: "Remove a node's pairing and disconnect it",
    rpc: 'node.pair.remove',
    params: byNode,
    response: METHOD_RESULT_SCHEMAS['node.pair.remove'],
    handle: ({ ctx, path, call }) => call('node.pair.remove', { nodeId: targetNode(ctx, path.node) }),
  }),
  defineRoute({
    verb: 'POST',
    path: '/v1/nodes/:node/invoke',
    tag: TAG,
    summary: 'Invoke a command on a node',
    description: 'Answers the `node.invoke` result: `{ok, nodeId, command, payload, payloadJSON}`. Node failures keep their code (`TIMEOUT`, `DISCONNECTED`, ...).',
    rpc: 'node.invoke',
    params: byNode,
    body: invokeBody,
    response: METHOD_RESULT_SCHEMAS['node.invoke'],
    handle: ({ ctx, path, body, call }) =>
      call('node.invoke', { ...body, nodeId: targetNode(ctx, path.node), idempotencyKey: body.idempotencyKey ?? randomUUID() }),
  }),
];
