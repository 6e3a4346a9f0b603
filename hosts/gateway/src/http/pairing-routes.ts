import { z } from 'zod';
import { METHOD_RESULT_SCHEMAS } from '@openclaw-nodes/core/protocol';
import { defineRoute } from './api-route.js';

const byRequest = z.strictObject({ requestId: z.string().min(1) });
const byDevice = z.strictObject({ deviceId: z.string().min(1) });
/** An empty body is fine: the code is needed only under `requireCode` for remote nodes. */
const withCode = z.strictObject({ code: z.string().max(32).optional() }).optional();

/**
 * Pairing. `/v1/pairing` is the node pending view of `openclaw nodes pending`: device
 * pairing requests of nodes and command-surface approvals in one list, each approved or
 * rejected by its request id. `/v1/devices` is device pairing of every role (`devices`).
 */
export const pairingRoutes = [
  defineRoute({
    verb: 'GET',
    path: '/v1/pairing',
    tag: 'pairing',
    summary: 'Pending node requests (device pairing and command surface) and paired nodes',
    rpc: 'node.pair.list',
    response: METHOD_RESULT_SCHEMAS['node.pair.list'],
    handle: ({ call }) => call('node.pair.list', {}),
  }),
  defineRoute({
    verb: 'POST',
    path: '/v1/pairing/:requestId/approve',
    tag: 'pairing',
    summary: 'Approve a pending node request of either kind',
    description: 'Optional body `{"code": "1234-5678"}`: the verification code the node host printed; a wrong one is refused, and under `gateway.nodes.pairing.requireCode` a node whose request was not local (loopback with the local proof of the gateway) needs it.',
    rpc: 'node.pair.approve',
    params: byRequest,
    body: withCode,
    response: METHOD_RESULT_SCHEMAS['node.pair.approve'],
    handle: ({ path, body, call }) => call('node.pair.approve', { requestId: path.requestId, ...(body?.code === undefined ? {} : { code: body.code }) }),
  }),
  defineRoute({
    verb: 'POST',
    path: '/v1/pairing/:requestId/reject',
    tag: 'pairing',
    summary: 'Reject a pending node request of either kind',
    rpc: 'node.pair.reject',
    params: byRequest,
    response: METHOD_RESULT_SCHEMAS['node.pair.reject'],
    handle: ({ path, call }) => call('node.pair.reject', { requestId: path.requestId }),
  }),
  defineRoute({
    verb: 'GET',
    path: '/v1/devices',
    tag: 'devices',
    summary: 'Pending and paired devices of every role',
    rpc: 'device.pair.list',
    response: METHOD_RESULT_SCHEMAS['device.pair.list'],
    handle: ({ call }) => call('device.pair.list', {}),
  }),
  defineRoute({
    verb: 'POST',
    path: '/v1/devices/requests/:requestId/approve',
    tag: 'devices',
    summary: 'Approve a device pairing request',
    rpc: 'device.pair.approve',
    params: byRequest,
    response: METHOD_RESULT_SCHEMAS['device.pair.approve'],
    handle: ({ path, call }) => call('device.pair.approve', { requestId: path.requestId }),
  }),
  defineRoute({
    verb: 'POST',
    path: '/v1/devices/requests/:requestId/reject',
    tag: 'devices',
    summary: 'Reject a device pairing request',
    rpc: 'device.pair.reject',
    params: byRequest,
    response: METHOD_RESULT_SCHEMAS['device.pair.reject'],
    handle: ({ path, call }) => call('device.pair.reject', { requestId: path.requestId }),
  }),
  defineRoute({
    verb: 'DELETE',
    path: '/v1/devices/:deviceId',
    tag: 'devices',
    summary: "Remove a device's pairing, revoke its tokens and disconnect it",
    rpc: 'device.pair.remove',
    params: byDevice,
    response: METHOD_RESULT_SCHEMAS['device.pair.remove'],
    handle: ({ path, call }) => call('device.pair.remove', { deviceId: path.deviceId }),
  }),
];
