import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from './config-schema.js';
import { jsonSchemaKeyPaths } from './json-schema-key-paths.js';
import { isSecretPath, redactSecrets } from './redact-secrets.js';
import { REDACTED, isSecretKeyName, secretFields } from './secret-fields.js';

describe('secret fields', () => {
  it('every field of our schema whose name says secret is marked secret in the schema', () => {
    const { paths, secrets } = jsonSchemaKeyPaths(z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', metadata: secretFields }));
    const named = paths.filter((path) => isSecretKeyName(path.split('.').pop()!.replace(/\[\]$/, '')));
    expect(named.sort()).toEqual([...secrets].sort());
    expect(secrets).toEqual(expect.arrayContaining(['gateway.auth.token', 'gateway.remote.token']));
  });

  it('tells secret names from counts that merely end in "token"', () => {
    for (const key of ['token', 'botToken', 'password', 'apiKey', 'api_key', 'clientSecret', 'privateKey']) expect(isSecretKeyName(key)).toBe(true);
    for (const key of ['maxTokens', 'contextTokens', 'tokenLimit', 'passwordFile', 'mode', 'node']) expect(isSecretKeyName(key)).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('blanks schema secrets at any depth and keeps everything else', () => {
    const gateway = { port: 1, auth: { mode: 'token', token: 'abc' }, remote: { url: 'wss://gw', token: 'def' } };
    expect(redactSecrets({ gateway }, [])).toEqual({ gateway: { port: 1, auth: { mode: 'token', token: REDACTED }, remote: { url: 'wss://gw', token: REDACTED } } });
    expect(redactSecrets(gateway, ['gateway'])).toMatchObject({ auth: { token: REDACTED } });
    expect(redactSecrets('abc', ['gateway', 'auth', 'token'])).toBe(REDACTED);
    expect(redactSecrets(18789, ['gateway', 'port'])).toBe(18789);
  });

  it('blanks keys named like secrets where our schema says nothing (plugin options, OpenClaw-only keys), lists item by item', () => {
    const options = { camera: { apiKey: 'k', fps: 5, accounts: [{ password: 'p', user: 'u' }] }, web: { keys: { privateKey: 'x' }, tokens: ['a', 'b'], maxTokens: 10 } };
    expect(redactSecrets(options, ['plugins', 'options'])).toEqual({
      camera: { apiKey: REDACTED, fps: 5, accounts: [{ password: REDACTED, user: 'u' }] },
      web: { keys: { privateKey: REDACTED }, tokens: ['a', 'b'], maxTokens: 10 },
    });
    expect(redactSecrets({ apiKeys: ['a', 'b'] }, ['meta'])).toEqual({ apiKeys: [REDACTED, REDACTED] });
    expect(isSecretPath(['gateway', 'auth', 'password'])).toBe(true);
  });
});
