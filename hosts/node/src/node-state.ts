import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JsonFileStore } from '@openclaw-nodes/core/store';
import { MAX_GATEWAY_ADDRESSES, sameAddress, type GatewayAddress } from './gateway-address.js';

/** A gateway address as `node.json` keeps it, with what the gateway there gave the node. */
export interface SavedGateway extends GatewayAddress {
  /** Device token (PROTOCOL.md section 4.2) a gateway that proved no identity issued here; sent to this address only. */
  token?: string;
  /** The gateway identity this address proved last (a key of `NodeState.identities`). */
  gatewayId?: string;
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
  /**
   * Device tokens of gateways that proved their identity (`connect.challenge.gatewayProof`),
   * by gateway id: sent to whichever address proves that identity again (any member of one
   * cluster), never to one that does not.
   */
  identities?: Record<string, string>;
}

/** Most gateway identities kept; the oldest is dropped beyond this. */
export const MAX_GATEWAY_IDENTITIES = 32;
const GATEWAY_ID = /^[0-9a-f]{64}$/;

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
  const ids = value.identities;
  if (ids !== undefined && (typeof ids !== 'object' || ids === null || Array.isArray(ids) || Object.keys(ids).length > MAX_GATEWAY_IDENTITIES || !Object.entries(ids).every(([k, v]) => GATEWAY_ID.test(k) && typeof v === 'string' && v !== ''))) {
    throw new Error(`node.json "identities" must map at most ${MAX_GATEWAY_IDENTITIES} gateway ids (64 hex) to device tokens`);
  }
  return value as NodeState;
}

/**
 * The device token to present at `address`: for a gateway that proved identity `gatewayId`,
 * that identity's token (else the token this address issued before identities were kept, from
 * an older `node.json`); for one that proved nothing, only the token this very address issued.
 */
export function tokenFor(state: NodeState, address: GatewayAddress, gatewayId: string | undefined): string | undefined {
  const byAddress = entries(state).find((g) => sameAddress(g, address))?.token;
  return gatewayId === undefined ? byAddress : (state.identities?.[gatewayId] ?? byAddress);
}

/** The saved addresses as stored: `gateways`, else (an older file) the one `gateway` with its `token`. */
function entries(state: Partial<NodeState> | undefined): SavedGateway[] {
  if (Array.isArray(state?.gateways)) return state.gateways.filter(isAddress);
  const g = state?.gateway;
  return isAddress(g) ? [{ ...g, ...(typeof state?.token === 'string' ? { token: state.token } : {}) }] : [];
}

/**
 * The saved addresses (host, port, TLS, pin), each with the token it gets when it answers as
 * last time: its own, or that of the identity it proved last. For listing and status;
 * `tokenFor` decides what is sent.
 */
export function savedGateways(state: Partial<NodeState> | undefined): SavedGateway[] {
  return entries(state).map(({ gatewayId, ...g }) => {
    const token = g.token ?? (gatewayId === undefined ? undefined : state?.identities?.[gatewayId]);
    return { ...g, ...(token ? { token } : {}) };
  });
}

/**
 * `state` after a connect to `address` that issued `token` (kept when absent): the address
 * list becomes `addresses` (each keeping what it had), `gateway`/`token` name this one. With
 * `gatewayId` (the gateway proved it) the token is kept under that identity, not the address.
 */
export function recordConnect(state: NodeState, addresses: readonly GatewayAddress[], address: GatewayAddress, token: string | undefined, gatewayId?: string): NodeState {
  const kept = token ?? tokenFor(state, address, gatewayId);
  const saved = entries(state);
  const gateways = addresses.map((a): SavedGateway => {
    const old = sameAddress(a, address) ? (gatewayId ? { gatewayId } : kept ? { token: kept } : {}) : saved.find((s) => sameAddress(s, a));
    const base = { host: a.host, port: a.port, tls: a.tls, ...(a.tlsFingerprint ? { tlsFingerprint: a.tlsFingerprint } : {}) };
    return { ...base, ...(old?.token ? { token: old.token } : {}), ...(old?.gatewayId ? { gatewayId: old.gatewayId } : {}) };
  });
  const { token: _token, gatewayId: _id, ...gateway } = gateways.find((g) => sameAddress(g, address))!;
  const { token: _old, identities: before, ...rest } = state;
  const identities = gatewayId === undefined || kept === undefined ? before : withIdentity(before ?? {}, gatewayId, kept);
  return { ...rest, gateways, gateway, ...(identities ? { identities } : {}), ...(kept ? { token: kept } : {}) };
}

/** `identities` with `id` -> `token` as the newest entry, the oldest dropped beyond the bound. */
function withIdentity(identities: Record<string, string>, id: string, token: string): Record<string, string> {
  const { [id]: _old, ...others } = identities;
  const names = Object.keys(others).slice(-(MAX_GATEWAY_IDENTITIES - 1));
  return Object.fromEntries([...names.map((k) => [k, others[k]!] as const), [id, token] as const]);
}

/** `state` without the device token of `address` nor that of identity `gatewayId` (the gateway rejected it). */
export function forgetToken(state: NodeState, address: GatewayAddress, gatewayId?: string): NodeState {
  const gateways = entries(state).map(({ token, ...g }) => (sameAddress(g, address) || !token ? g : { ...g, token }));
  const { token, identities, ...rest } = state;
  const keep = token !== undefined && !(state.gateway !== undefined && sameAddress(state.gateway, address));
  const { [gatewayId ?? '']: _gone, ...left } = identities ?? {};
  return { ...rest, gateways, ...(identities ? { identities: left } : {}), ...(keep ? { token } : {}) };
}

export const nodeStateStore = (stateDir: string) =>
  new JsonFileStore<NodeState>(join(stateDir, 'node.json'), {
    defaults: () => ({ version: 1, nodeId: randomUUID() }),
    parse: parseNodeState,
  });
