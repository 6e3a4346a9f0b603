import { describe, expect, it } from 'vitest';
import { forbiddenOverride, sanitizeEnv } from './env-policy.js';

describe('sanitizeEnv', () => {
  it('drops blocked keys from the host environment and keeps the rest', () => {
    const env = sanitizeEnv({ PATH: '/usr/bin', HOME: '/home/u', LD_PRELOAD: 'x', DYLD_INSERT_LIBRARIES: 'y', NODE_OPTIONS: 'z', BASH_FUNC_x: 'f', 'BAD-KEY': 'k', LANG: 'C' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/u', LANG: 'C' });
  });

  it('ignores PATH in any case, blocked keys, HOME and ZDOTDIR from callers', () => {
    const env = sanitizeEnv(
      { PATH: '/usr/bin', HOME: '/home/u' },
      { PATH: '/tmp', Path: '/tmp', LD_PRELOAD: '/tmp/x.so', ld_library_path: '/tmp', PYTHONPATH: '/tmp', HOME: '/tmp', ZDOTDIR: '/tmp', BASH_ENV: '/tmp/x', FOO: 'bar' },
    );
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/u', FOO: 'bar' });
  });

  it('names why an override is forbidden', () => {
    expect(forbiddenOverride('path')).toBe('path');
    expect(forbiddenOverride('LD_AUDIT')).toBe('blocked');
    expect(forbiddenOverride('HOME')).toBe('blocked');
    expect(forbiddenOverride('FOO')).toBeUndefined();
  });
});
