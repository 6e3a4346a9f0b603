import { describe, expect, it } from 'vitest';
import { resolveLogLevel } from './log-level.js';

describe('resolveLogLevel', () => {
  it('takes the flag over OPENCLAW_LOG_LEVEL over info, in any case', () => {
    expect(resolveLogLevel(undefined, {})).toBe('info');
    expect(resolveLogLevel(undefined, { OPENCLAW_LOG_LEVEL: 'WARN' })).toBe('warn');
    expect(resolveLogLevel('debug', { OPENCLAW_LOG_LEVEL: 'error' })).toBe('debug');
    expect(resolveLogLevel(undefined, { OPENCLAW_LOG_LEVEL: ' ' })).toBe('info');
  });

  it('refuses an unknown level with CLI_USAGE naming where it came from', () => {
    expect(() => resolveLogLevel('loud', {})).toThrow(expect.objectContaining({ code: 'CLI_USAGE', message: expect.stringMatching(/^--log-level must be one of trace, .*; got "loud"$/) }));
    expect(() => resolveLogLevel(undefined, { OPENCLAW_LOG_LEVEL: 'verbose' })).toThrow(expect.objectContaining({ code: 'CLI_USAGE', message: expect.stringMatching(/^OPENCLAW_LOG_LEVEL must be one of/) }));
  });
});
