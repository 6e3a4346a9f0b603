import { describe, expect, it } from 'vitest';
import { forgetToken, recordConnect, savedGateways, type NodeState } from './node-state.js';

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
});
