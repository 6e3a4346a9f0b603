import { describe, expect, it } from 'vitest';
import type { NodeEntry } from '../registry/node-registry.js';
import { selectExecNode } from './select-exec-node.js';

const node = (nodeId: string, displayName: string, extra: Partial<NodeEntry> = {}): NodeEntry => ({
  nodeId,
  displayName,
  caps: ['system'],
  commands: ['system.run', 'system.which'],
  sessionHost: false,
  nodePluginTools: [],
  approvalState: 'approved',
  paired: true,
  connected: true,
  ...extra,
});

const build = node('aaaaaaaa1111', 'Build Node');
const lab = node('bbbbbbbb2222', 'Lab Node');
const phone = node('cccccccc3333', 'Phone', { commands: ['canvas.present'], caps: ['canvas'] });
const offline = node('dddddddd4444', 'Old Node', { connected: false });

describe('selectExecNode', () => {
  it('picks the sole connected node that runs system.run, ignoring others', () => {
    expect(selectExecNode([build, phone, offline], undefined, undefined)).toBe(build);
  });

  it('refuses to choose between several, and when none can run commands', () => {
    expect(() => selectExecNode([build, lab], undefined, undefined)).toThrow(expect.objectContaining({ code: 'EXEC_NODE_REQUIRED' }));
    expect(() => selectExecNode([phone], undefined, undefined)).toThrow(expect.objectContaining({ code: 'EXEC_NODE_UNAVAILABLE' }));
    expect(() => selectExecNode([], undefined, undefined)).toThrow(expect.objectContaining({ code: 'EXEC_NODE_UNAVAILABLE', message: expect.stringContaining('none available') }));
  });

  it('resolves a bound or requested node like --node, and never both when they differ', () => {
    expect(selectExecNode([build, lab], 'lab node', undefined)).toBe(lab);
    expect(selectExecNode([build, lab], undefined, 'aaaaaaaa')).toBe(build);
    expect(selectExecNode([build, lab], 'Lab Node', 'Lab Node')).toBe(lab);
    expect(() => selectExecNode([build, lab], 'Lab Node', 'Build Node')).toThrow(expect.objectContaining({ code: 'EXEC_NODE_NOT_ALLOWED', message: 'exec node not allowed (bound to Lab Node)' }));
    expect(() => selectExecNode([build], 'nope', undefined)).toThrow(expect.objectContaining({ code: 'NODE_NOT_FOUND' }));
    expect(() => selectExecNode([phone], 'Phone', undefined)).toThrow(expect.objectContaining({ code: 'EXEC_NODE_UNAVAILABLE' }));
  });

  it('returns a bound node even offline: the send is refused later rather than redirected', () => {
    expect(selectExecNode([build, offline], 'Old Node', undefined)).toBe(offline);
  });
});
