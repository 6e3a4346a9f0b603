import { describe, expect, it } from 'vitest';
import { buildEnvFile } from './env-file.js';

describe('service env file', () => {
  it('writes tokens bare and other values single-quoted', () => {
    expect(buildEnvFile({ OPENCLAW_GATEWAY_TOKEN: 'aB3-_x.y/z+=', OPENCLAW_STATE_DIR: 'C:\\Users\\x y\\$HOME' }).split('\n').slice(1)).toEqual([
      'OPENCLAW_GATEWAY_TOKEN=aB3-_x.y/z+=',
      "OPENCLAW_STATE_DIR='C:\\Users\\x y\\$HOME'",
      '',
    ]);
  });

  it.each([["it's"], ['a\nOTHER=1'], ['x'.repeat(4097)]])('refuses a value it could not write back exactly, without echoing it (%#)', (value) => {
    expect(() => buildEnvFile({ OPENCLAW_GATEWAY_TOKEN: value })).toThrow(expect.objectContaining({ code: 'CLI_USAGE', message: expect.not.stringContaining(value) }));
  });
});
