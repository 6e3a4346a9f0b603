import { describe, expect, it } from 'vitest';
import { defaultAgentId, execSection } from './exec-config-view.js';

const config = {
  tools: { exec: { host: 'node', security: 'allowlist', node: 'Build Node', safeBins: ['wc'] } },
  agents: { list: [{ id: 'main' }, { id: 'ops', default: true, tools: { exec: { node: 'ops-box', security: undefined } } }] },
};

describe('execSection', () => {
  it('lays an agent’s own keys over tools.exec, key by key', () => {
    expect(execSection(config, 'ops')).toEqual({ host: 'node', security: 'allowlist', node: 'ops-box', safeBins: ['wc'] });
    expect(execSection(config, 'main').node).toBe('Build Node');
    expect(execSection(config, 'nobody').node).toBe('Build Node');
    expect(execSection(undefined, 'main')).toEqual({});
  });

  it('lets OpenClaw’s tools.exec.mode tighten security and ask, never loosen them', () => {
    const withMode = (exec: Record<string, unknown>) => execSection({ tools: { exec } }, 'main');
    expect(withMode({ security: 'full', mode: 'deny' })).toMatchObject({ security: 'deny' });
    expect(withMode({ mode: 'deny' })).toMatchObject({ security: 'deny' });
    expect(withMode({ security: 'full', mode: 'ask' })).toMatchObject({ security: 'allowlist', ask: 'on-miss' });
    expect(withMode({ ask: 'always', mode: 'auto' })).toMatchObject({ security: 'allowlist', ask: 'always' });
    expect(withMode({ security: 'deny', mode: 'full' })).toMatchObject({ security: 'deny' });
    expect(withMode({ mode: 'full' })).toMatchObject({ security: 'allowlist' });
    expect(withMode({ security: 'full' })).toEqual({ security: 'full' });
    const perAgent = { tools: { exec: { security: 'full' } }, agents: { list: [{ id: 'ops', tools: { exec: { mode: 'deny' } } }] } };
    expect(execSection(perAgent, 'ops').security).toBe('deny');
    expect(execSection(perAgent, 'main').security).toBe('full');
  });

  it('picks the agent marked default, else main', () => {
    expect(defaultAgentId(config)).toBe('ops');
    expect(defaultAgentId({ agents: { list: [{ id: 'a' }] } })).toBe('main');
  });
});
