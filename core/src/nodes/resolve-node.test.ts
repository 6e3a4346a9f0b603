import { describe, expect, it } from 'vitest';
import { isOpenClawError } from '../errors/openclaw-error.js';
import { resolveNode } from './resolve-node.js';

const nodes = [
  { nodeId: 'e5af085db7551dbc916d4bfb7433d9a7', displayName: 'Build Node', remoteIp: '10.0.0.5', connected: true },
  { nodeId: 'c7188adbef6e6627a7cd4800080355313', displayName: 'Capture Node', remoteIp: '10.0.0.6', connected: true },
  { nodeId: 'c7188a00000000000000000000000000', displayName: 'Old Capture', connected: false },
];

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

describe('resolveNode', () => {
  it.each([
    ['e5af085db7551dbc916d4bfb7433d9a7', 'Build Node'],
    ['10.0.0.6', 'Capture Node'],
    ['build node', 'Build Node'],
    ['BUILD_NODE', 'Build Node'],
    ['build-node', 'Build Node'],
    ['buildnode', 'Build Node'],
    ['e5af08', 'Build Node'],
  ])('resolves %s', (query, name) => {
    expect(resolveNode(nodes, query).displayName).toBe(name);
  });

  it('refuses a prefix shorter than 6 characters, naming the known nodes', () => {
    const err = errorOf(() => resolveNode(nodes, 'e5af0'));
    expect(isOpenClawError(err, 'NODE_NOT_FOUND')).toBe(true);
    expect((err as Error).message).toBe('unknown node: e5af0 (known: Build Node, Capture Node, Old Capture)');
  });

  it('prefers the one connected node among equal matches', () => {
    expect(resolveNode(nodes, 'c7188a').displayName).toBe('Capture Node');
  });

  it('reports ambiguity with every candidate instead of guessing', () => {
    const twins = [
      { nodeId: 'aaaaaa1', displayName: 'Twin', connected: true, clientId: 'node-host' },
      { nodeId: 'aaaaaa2', displayName: 'twin', connected: true, clientId: 'node-host' },
    ];
    const err = errorOf(() => resolveNode(twins, 'twin'));
    expect(isOpenClawError(err, 'NODE_AMBIGUOUS')).toBe(true);
    expect((err as Error).message).toBe('ambiguous node: twin (matches: Twin [node=aaaaaa1, client=node-host], twin [node=aaaaaa2, client=node-host])');
  });

  it('requires a query', () => {
    expect((errorOf(() => resolveNode(nodes, '  ')) as Error).message).toBe('node required');
  });
});
