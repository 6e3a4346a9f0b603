import { describe, expect, it } from 'vitest';
import { maxAsk, minSecurity, requiresAsk, resolveExecPolicy } from './exec-policy.js';

describe('resolveExecPolicy', () => {
  it('uses fallbacks for a file that says nothing, then deny / on-miss / deny', () => {
    expect(resolveExecPolicy({ version: 1 }, 'main', { security: 'allowlist' })).toMatchObject({ security: 'allowlist', ask: 'on-miss', askFallback: 'deny', autoAllowSkills: false });
    expect(resolveExecPolicy({ version: 1 })).toMatchObject({ security: 'deny', ask: 'on-miss' });
  });

  it('takes the agent section, then *, then defaults; invalid values count as unset', () => {
    const file = {
      version: 1 as const,
      defaults: { security: 'full', ask: 'off', askFallback: 'allowlist' },
      agents: {
        '*': { ask: 'always', allowlist: [{ id: 'a', pattern: '/bin/a' }] },
        ops: { security: 'allowlist', ask: 'sometimes', allowlist: [{ id: 'b', pattern: '/bin/b' }] },
      },
    };
    const ops = resolveExecPolicy(file, 'ops', { security: 'deny' });
    expect(ops).toMatchObject({ security: 'allowlist', ask: 'always', askFallback: 'allowlist' });
    expect(ops.allowlist.map((e) => [e.agentKey, e.pattern])).toEqual([
      ['*', '/bin/a'],
      ['ops', '/bin/b'],
    ]);
    expect(resolveExecPolicy(file, 'main')).toMatchObject({ security: 'full', ask: 'always' });
  });

  it('orders securities and ask modes', () => {
    expect(minSecurity('full', 'allowlist')).toBe('allowlist');
    expect(minSecurity('deny', 'full')).toBe('deny');
    expect(maxAsk('off', 'on-miss')).toBe('on-miss');
    expect(maxAsk('always', 'off')).toBe('always');
  });

  it('asks always with always, on a miss with on-miss under allowlist, never with off', () => {
    expect(requiresAsk('full', 'always', true)).toBe(true);
    expect(requiresAsk('allowlist', 'on-miss', false)).toBe(true);
    expect(requiresAsk('allowlist', 'on-miss', true)).toBe(false);
    expect(requiresAsk('full', 'on-miss', false)).toBe(false);
    expect(requiresAsk('allowlist', 'off', false)).toBe(false);
  });
});
