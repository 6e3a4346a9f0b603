import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JsonFileStore } from '@openclaw-nodes/core/store';
import { MAX_GATEWAY_ADDRESSES, sameAddress, type GatewayAddress } from './gateway-address.js';

/** A gateway address as `node.json` keeps it, with the device token that gateway issued. */
export interface SavedGateway extends GatewayAddress {
  /** Device token for role node (PROTOCOL.md section 4.2); sent to this address only. */
  token?: string;
}

/** `node.json` in the state dir: who this node is and which gateways it belongs to. */
export interface NodeState {
  version: 1;
  /** Client instance id (`client.instanceId`); the routed node id is the device id. */
  nodeId: string;
  displayName?: string;
  /** Every address the node fails over between, in order, each with its own pin and token. */
  gateways?: SavedGateway[];
  /** The address last connected to (also what versions before `gateways` read). */
  gateway?: GatewayAddress;
  /** The device token of `gateway`. */
  token?: string;
}

const isAddress = (g: unknown): g is SavedGateway => {
  const v = g as Partial<SavedGateway> | null;
  return !!v && typeof v === 'object' && typeof v.host === 'string' && v.host !== '' && Number.isInteger(v.port) && v.port! >= 1 && v.port! <= 65_535 && typeof v.tls === 'boolean';
};

function parseNodeState(raw: unknown): NodeState {
  const value = raw as Partial<NodeState> | null;
  if (!value || typeof value !== 'object' || value.version !== 1 || typeof value.nodeId !== 'string' || !value.nodeId) {
    throw new Error('node.json must be {"version":1,"nodeId":"…",…}');
  }
  const gateways = value.gateways;
  if (gateways !== undefined && (!Array.isArray(gateways) || gateways.length > MAX_GATEWAY_ADDRESSES || !gateways.every(isAddress))) {
    throw new Error(`node.json "gateways" must be a list of at most ${MAX_GATEWAY_ADDRESSES} {"host","port","tls"} entries`);
  }
  return value as NodeState;
}

/**
 * The saved addresses: `gateways`, else (a file written before there were several) the one
 * `gateway` with its `token`.
 */
export function savedGateways(state: Partial<NodeState> | undefined): SavedGateway[] {
  if (Array.isArray(state?.gateways)) return state.gateways.filter(isAddress);
  const g = state?.gateway;
  return isAddress(g) ? [{ ...g, ...(typeof state?.token === 'string' ? { token: state.token } : {}) }] : [];
}

/**
 * `state` after a connect to `address` that issued `token` (kept when absent): the address
 * list becomes `addresses` (each keeping its saved token), `gateway`/`token` name this one.
 */
export function recordConnect(state: NodeState, addresses: readonly GatewayAddress[], address: GatewayAddress, token: string | undefined): NodeState {
  const saved = savedGateways(state);
  const gateways = addresses.map((a): SavedGateway => {
    const old = saved.find((s) => sameAddress(s, a));
    const t = sameAddress(a, address) ? (token ?? old?.token) : old?.token;
    return { host: a.host, port: a.port, tls: a.tls, ...(a.tlsFingerprint ? { tlsFingerprint: a.tlsFingerprint } : {}), ...(t ? { token: t } : {}) };
  });
  const current = gateways.find((g) => sameAddress(g, address))!;
  const { token: currentToken, ...gateway } = current;
  const { token: _old, ...rest } = state;
  return { ...rest, gateways, gateway, ...(currentToken ? { token: currentToken } : {}) };
}

/** `state` without the device token of `address` (that gateway rejected it). */
export function forgetToken(state: NodeState, address: GatewayAddress): NodeState {
  const gateways = savedGateways(state).map(({ token, ...g }) => (sameAddress(g, address) || !token ? g : { ...g, token }));
  const { token, ...rest } = state;
  const keep = token !== undefined && !(state.gateway !== undefined && sameAddress(state.gateway, address));
  return { ...rest, gateways, ...(keep ? { token } : {}) };
}

export const nodeStateStore = (stateDir: string) =>
  new JsonFileStore<NodeState>(join(stateDir, 'node.json'), {
    defaults: () => ({ version: 1, nodeId: randomUUID() }),
    parse: parseNodeState,
  });
