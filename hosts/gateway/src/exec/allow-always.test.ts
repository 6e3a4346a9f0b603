import { describe, expect, it } from 'vitest';
import { allowAlwaysAdds, coveredBy, nothingAdded } from './allow-always.js';
import type { ApprovalRequestView } from './approval-queue.js';

const request = (over: Partial<ApprovalRequestView> = {}): ApprovalRequestView => ({
  command: 'id -u && hostname',
  resolvedPath: '/usr/bin/id',
  programs: ['/usr/bin/id', '/usr/bin/hostname'],
  cwd: '/tmp',
  host: 'node',
  nodeId: 'n1',
  nodeName: null,
  agentId: 'main',
  sessionKey: null,
  security: 'allowlist',
  ask: 'on-miss',
  planHash: 'a'.repeat(64),
  ...over,
});
const full = { complete: true, persists: true };

describe('allow always', () => {
  it('adds every program of a chain, or nothing when the command cannot be analysed or nothing is kept', () => {
    expect(allowAlwaysAdds(request(), full)).toEqual(['/usr/bin/id', '/usr/bin/hostname']);
    expect(allowAlwaysAdds(request(), { complete: false, persists: true })).toEqual([]);
    expect(nothingAdded(request(), { complete: false, persists: true })).toContain('could not be analysed');
    expect(nothingAdded(request({ host: 'gateway', nodeId: null }), { complete: true, persists: false })).toContain('the gateway adds allowlist entries only under security=allowlist');
  });

  it('covers a waiting request of the same machine and agent whose programs were all added, unless it asks always', () => {
    const added = ['/usr/bin/id', '/usr/bin/hostname'];
    const always = request();
    expect(coveredBy(always, added, request({ programs: ['/usr/bin/id'] }), full)).toBe(true);
    expect(coveredBy(always, added, request({ programs: ['/usr/bin/id', '/usr/bin/env'] }), full)).toBe(false);
    expect(coveredBy(always, added, request({ programs: ['/usr/bin/id'], agentId: 'ops' }), full)).toBe(false);
    expect(coveredBy(always, added, request({ programs: ['/usr/bin/id'], nodeId: 'n2' }), full)).toBe(false);
    expect(coveredBy(always, added, request({ programs: ['/usr/bin/id'], ask: 'always' }), full)).toBe(false);
    expect(coveredBy(always, added, request({ programs: ['/usr/bin/id'] }), { complete: false, persists: true })).toBe(false);
    expect(coveredBy(always, added, request({ programs: [] }), full)).toBe(false);
  });
});
