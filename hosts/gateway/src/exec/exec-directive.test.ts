import { describe, expect, it } from 'vitest';
import { directiveReply, parseExecDirective } from './exec-directive.js';

describe('parseExecDirective', () => {
  it.each([
    ['/exec host=node security=allowlist node=build-node', { host: 'node', security: 'allowlist', node: 'build-node' }],
    ['exec host=node security=allowlist node=<id>', { host: 'node', security: 'allowlist', node: '<id>' }],
    ['/EXEC Host:gateway ASK:always', { host: 'gateway', ask: 'always' }],
    ['/exec ask=off please run it node=x', { ask: 'off' }],
    ['/exec', {}],
  ])('%j', (text, options) => {
    expect(parseExecDirective(text)).toEqual(options);
  });

  it.each([
    ['/exec host=moon', 'Unrecognized exec host "moon". Valid hosts: sandbox, gateway, node.'],
    ['/exec security=some', 'Unrecognized exec security "some". Valid: deny, allowlist, full.'],
    ['/exec ask=never', 'Unrecognized exec ask "never". Valid: off, on-miss, always.'],
    ['/exec node=', 'Exec node requires a value.'],
    ['/run host=node', 'An exec directive starts with /exec.'],
  ])('refuses %j', (text, message) => {
    expect(() => parseExecDirective(text)).toThrow(expect.objectContaining({ code: 'EXEC_DIRECTIVE_INVALID', message }));
  });

  it('acknowledges what was set, or shows the current defaults', () => {
    expect(directiveReply({ host: 'node', node: 'b' }, { host: 'node', security: 'allowlist', ask: 'on-miss', node: 'b' })).toBe('Exec defaults set (host=node, node=b).');
    expect(directiveReply({}, { host: 'gateway', security: 'allowlist', ask: 'on-miss' })).toMatch(/^Current exec defaults: host=gateway, security=allowlist, ask=on-miss, node=\(unset\)\.\nOptions: /);
  });
});
