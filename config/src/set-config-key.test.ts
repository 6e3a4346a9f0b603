import { describe, expect, it } from 'vitest';
import { setConfigKey } from './set-config-key.js';

describe('setConfigKey', () => {
  it('makes a new agents.list item created through a key inside it the default agent "main"', () => {
    const raw: Record<string, unknown> = {};
    setConfigKey(raw, 'agents.list[0].tools.exec.node', 'Build Node');
    expect(raw).toEqual({ agents: { list: [{ id: 'main', tools: { exec: { node: 'Build Node' } } }] } });
  });

  it('leaves existing items, whole-item sets and a second new item alone', () => {
    const raw: Record<string, unknown> = { agents: { list: [{ id: 'ops' }] } };
    setConfigKey(raw, 'agents.list[0].tools.exec.node', 'a');
    setConfigKey(raw, 'agents.list[1]', { name: 'no id yet' });
    expect(raw).toEqual({ agents: { list: [{ id: 'ops', tools: { exec: { node: 'a' } } }, { name: 'no id yet' }] } });
    setConfigKey(raw, 'agents.list[2].name', 'third');
    expect((raw.agents as { list: unknown[] }).list[2]).toEqual({ id: 'main', name: 'third' });
    setConfigKey(raw, 'agents.list[3].name', 'fourth');
    expect((raw.agents as { list: unknown[] }).list[3]).toEqual({ name: 'fourth' });
  });
});
