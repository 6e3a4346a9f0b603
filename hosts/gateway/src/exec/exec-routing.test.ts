import { describe, expect, it } from 'vitest';
import { resolveExecRouting } from './exec-routing.js';

const config = {
  tools: { exec: { host: 'node', security: 'full', node: 'global-node', pathPrepend: ['/opt/bin'] } },
  agents: { list: [{ id: 'main' }, { id: 'ops', tools: { exec: { security: 'allowlist', node: 'ops-node' } } }] },
};

describe('resolveExecRouting: session > agent > global > default', () => {
  it('defaults to the gateway host, allowlist and on-miss', () => {
    expect(resolveExecRouting(undefined, 'main', undefined)).toEqual({ host: 'gateway', security: 'allowlist', ask: 'on-miss' });
    expect(resolveExecRouting({ tools: { exec: { host: 'sandbox' } } }, 'main', undefined).security).toBe('deny');
  });

  it('takes tools.exec, then the agent’s own keys, then the session’s', () => {
    expect(resolveExecRouting(config, 'main', undefined)).toEqual({ host: 'node', security: 'full', ask: 'on-miss', node: 'global-node', pathPrepend: ['/opt/bin'] });
    expect(resolveExecRouting(config, 'ops', undefined)).toMatchObject({ host: 'node', security: 'allowlist', node: 'ops-node' });
    expect(resolveExecRouting(config, 'ops', { host: 'gateway', node: 'session-node', ask: 'always' })).toMatchObject({ host: 'gateway', security: 'allowlist', ask: 'always', node: 'session-node' });
  });

  it('ignores values it does not know', () => {
    expect(resolveExecRouting({ tools: { exec: { host: 'moon', security: 'some', ask: 'never' } } }, 'main', undefined)).toEqual({ host: 'gateway', security: 'allowlist', ask: 'on-miss' });
  });
});
