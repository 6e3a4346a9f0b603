/**
 * @module
 * The RPC layer over a gateway WebSocket: `RpcPeer` (request/response correlation, events,
 * tick watchdog) and `connectGateway` (the client handshake).
 */
export { RpcPeer } from './rpc/rpc-peer.js';
export type {
  RpcPeerOptions,
  RpcLogger,
  Reply,
  RequestHandler,
  EventHandler,
  AnyEventHandler,
  RequestOptions,
  CloseInfo,
} from './rpc/rpc-peer-options.js';
export { closeReason } from './rpc/close-reason.js';
export { CLOSE_DEADLINE_MS, closeWithDeadline, sendBounded } from './rpc/socket-bounds.js';
export { urlForDisplay } from './rpc/display-url.js';
export { connectGateway, type ConnectGatewayOptions, type GatewayConnection } from './rpc/gateway-client.js';
export { certificateProblem, connectVerifiedTls } from './rpc/tls-pin.js';
export { formatFingerprint, isSha256Fingerprint, normalizeFingerprint } from './rpc/tls-fingerprint.js';
export { gatewayHttp, gatewayOrigin, readJsonResponse, type FileBody, type GatewayHttpTarget } from './rpc/gateway-http.js';
export {
  buildConnectParams,
  signedToken,
  type ConnectIntent,
  type GatewayClientInfo,
  type GatewayAuth,
} from './rpc/connect-params.js';
