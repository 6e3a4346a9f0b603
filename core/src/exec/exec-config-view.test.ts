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

  it('picks the agent marked default, else main', () => {
    expect(defaultAgentId(config)).toBe('ops');
    expect(defaultAgentId({ agents: { list: [{ id: 'a' }] } })).toBe('main');
  });
});
