import { describe, expect, it } from 'vitest';
import { checkA2uiJsonl } from './a2ui-messages.js';

describe('checkA2uiJsonl', () => {
  it('reports a line nested thousands of levels deep as a problem of that line instead of overflowing the stack', () => {
    const deep = `{"surfaceUpdate":{"surfaceId":"a","components":${'['.repeat(6_000)}${']'.repeat(6_000)}}}`;
    const check = checkA2uiJsonl(`{"deleteSurface":{"surfaceId":"a"}}\n${deep}`);
    expect(check.problems).toEqual([{ index: 2, message: 'A2UI line is nested more than 64 levels deep; flatten it' }]);
  });

  it('still names invalid JSON as such', () => {
    expect(checkA2uiJsonl('{oops').problems[0].message).toMatch(/^invalid JSON \(/);
  });
});
