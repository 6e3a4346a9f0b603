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

  it('never hands a command the host’s own OPENCLAW_* settings and credentials', () => {
    const env = sanitizeEnv({ PATH: '/usr/bin', OPENCLAW_GATEWAY_TOKEN: 'secret', openclaw_gateway_password: 'pw', OPENCLAW_STATE_DIR: '/srv/oc', LANG: 'C' });
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'C' });
    // A caller's own value is only its own.
    expect(sanitizeEnv({ OPENCLAW_GATEWAY_TOKEN: 'secret' }, { OPENCLAW_GATEWAY_TOKEN: 'mine' })).toEqual({ OPENCLAW_GATEWAY_TOKEN: 'mine' });
  });

  it.each(['PAGER', 'GIT_PAGER', 'LESSOPEN', 'EDITOR', 'GIT_ASKPASS', 'GIT_CONFIG_COUNT', 'git_config_key_0', 'GIT_CONFIG_VALUE_0', 'XDG_CONFIG_HOME', 'PYTHONWARNINGS', 'HOSTALIASES'])(
    'keeps %s from callers, which would make a tool run or read what the command does not show',
    (key) => {
      expect(forbiddenOverride(key)).toBe('blocked');
      expect(sanitizeEnv({ [key]: 'host' }, { [key]: 'caller' })).toEqual({ [key]: 'host' });
    },
  );

  it('names why an override is forbidden', () => {
    expect(forbiddenOverride('path')).toBe('path');
    expect(forbiddenOverride('LD_AUDIT')).toBe('blocked');
    expect(forbiddenOverride('HOME')).toBe('blocked');
    expect(forbiddenOverride('FOO')).toBeUndefined();
  });
});
