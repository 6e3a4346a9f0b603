import { describe, expect, it } from 'vitest';
import { forgetToken, recordConnect, savedGateways, tokenFor, type NodeState } from './node-state.js';

const a = { host: 'gw1', port: 18_789, tls: false };
const b = { host: 'gw2', port: 18_789, tls: true, tlsFingerprint: 'ab'.repeat(32) };

describe('node.json gateways', () => {
  it('reads a file written before there were several gateways as a list of one, with its token', () => {
    const old: NodeState = { version: 1, nodeId: 'n', gateway: a, token: 'tok-a' };
    expect(savedGateways(old)).toEqual([{ ...a, token: 'tok-a' }]);
  });

  it('keeps each address its own device token, and names the one last connected to', () => {
    const old: NodeState = { version: 1, nodeId: 'n', gateway: a, token: 'tok-a' };
    const next = recordConnect(old, [a, b], b, 'tok-b');
    expect(next.gateways).toEqual([
      { ...a, token: 'tok-a' },
      { ...b, token: 'tok-b' },
    ]);
    expect(next).toMatchObject({ gateway: b, token: 'tok-b' });
    const forgotten = forgetToken(next, b);
    expect(savedGateways(forgotten)).toEqual([{ ...a, token: 'tok-a' }, b]);
    expect(forgotten.token).toBeUndefined();
  });

  it('moves an old per-address token under the identity its gateway proves, and offers it to that identity only', () => {
    const id = 'c'.repeat(64);
    const old: NodeState = { version: 1, nodeId: 'n', gateway: a, token: 'tok-a' };
    // An older file: the proven gateway at the address that issued the token gets it once.
    expect(tokenFor(old, a, id)).toBe('tok-a');
    const next = recordConnect(old, [a, b], a, undefined, id);
    expect(next.identities).toEqual({ [id]: 'tok-a' });
    expect(next.gateways).toEqual([{ ...a, gatewayId: id }, b]);
    expect(savedGateways(next)).toEqual([{ ...a, token: 'tok-a' }, b]);
    // Any address proving the identity gets its token; an unproven one or another identity none.
    expect(tokenFor(next, b, id)).toBe('tok-a');
    expect(tokenFor(next, b, undefined)).toBeUndefined();
    expect(tokenFor(next, a, undefined)).toBeUndefined();
    expect(tokenFor(next, b, 'd'.repeat(64))).toBeUndefined();
    expect(forgetToken(next, b, id).identities).toEqual({});
  });
});
