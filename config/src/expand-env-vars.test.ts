import { describe, expect, it } from 'vitest';
import { isOpenClawError, type OpenClawError } from '@openclaw-nodes/core/errors';
import { envReferences, expandEnvVars } from './expand-env-vars.js';

const failure = (fn: () => unknown): OpenClawError => {
  try {
    fn();
  } catch (err) {
    if (isOpenClawError(err)) return err;
    throw err;
  }
  throw new Error('expected a throw');
};

describe('expandEnvVars', () => {
  it('replaces ${NAME} in strings at any depth and leaves the input alone', () => {
    const raw = { gateway: { auth: { token: '${GW_TOKEN}' }, remote: { url: 'wss://${HOST}:${PORT}/x' } }, list: ['${GW_TOKEN}', 1, true, null] };
    const copy = structuredClone(raw);
    expect(expandEnvVars(raw, { GW_TOKEN: 'abc', HOST: 'gw.example', PORT: '443' })).toEqual({
      gateway: { auth: { token: 'abc' }, remote: { url: 'wss://gw.example:443/x' } },
      list: ['abc', 1, true, null],
    });
    expect(raw).toEqual(copy);
  });

  it('keeps $${NAME} as the literal ${NAME}, and anything that is not an upper-case reference as written', () => {
    const env = { A: 'x' };
    expect(expandEnvVars({ v: '$${A}' }, env)).toEqual({ v: '${A}' });
    // The first `$` is plain text, the rest an escape.
    expect(expandEnvVars({ v: '$$${A}' }, env)).toEqual({ v: '$${A}' });
    for (const text of ['${lower}', '${1A}', '$A', '${A', 'cost: $5', '${}', '${A-B}']) expect(expandEnvVars({ v: text }, env)).toEqual({ v: text });
  });

  it('fails with CONFIG_ENV_MISSING naming the variable and the key, for unset and empty variables', () => {
    for (const env of [{}, { GW_TOKEN: '' }]) {
      const err = failure(() => expandEnvVars({ agents: { list: [{ id: '${GW_TOKEN}' }] } }, env, { file: '/etc/openclaw.json' }));
      expect(err.code).toBe('CONFIG_ENV_MISSING');
      expect(err.message).toBe(
        'Config key agents.list[0].id in /etc/openclaw.json refers to ${GW_TOKEN}, but the environment variable GW_TOKEN is not set. Set it, or write $${GW_TOKEN} for the literal text.',
      );
      expect(err.details).toMatchObject({ key: 'agents.list[0].id', variable: 'GW_TOKEN' });
    }
  });

  it('with keepMissing, leaves references to unset variables as written', () => {
    expect(expandEnvVars({ a: '${SET}', b: '${UNSET}' }, { SET: '1' }, { keepMissing: true })).toEqual({ a: '1', b: '${UNSET}' });
  });
});

describe('envReferences', () => {
  it('lists each referenced variable once, not escaped ones or plain text', () => {
    const raw = { gateway: { auth: { token: '${GW_TOKEN}', password: 'x${GW_TOKEN}y' } }, list: ['$${ESCAPED}', '${OTHER}', '$PLAIN', '${lower}'] };
    expect(envReferences(raw)).toEqual(['GW_TOKEN', 'OTHER']);
  });
});
