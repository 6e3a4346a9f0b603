import { describe, expect, it } from 'vitest';
import { ConnectParamsSchema, type ConnectParams } from './connect.js';
import { formatZodIssues } from './format-zod-issues.js';
import { METHOD_PARAM_SCHEMAS, EVENT_PAYLOAD_SCHEMAS } from './method-schemas.js';

const nodeConnect = (): ConnectParams => ({
  minProtocol: 4,
  maxProtocol: 4,
  client: { id: 'node-host', version: '2026.9.6', platform: 'linux', deviceFamily: 'Linux', mode: 'node' },
  caps: ['system'],
  commands: ['system.which'],
  role: 'node',
  scopes: [],
  auth: { token: 't' },
  device: { id: 'd', publicKey: 'k', signature: 's', signedAt: 1, nonce: 'n' },
});

const issuesOf = (method: string, params: unknown): string => {
  const schema = METHOD_PARAM_SCHEMAS[method];
  if (!schema) throw new Error(`no schema for ${method}`);
  const result = schema.safeParse(params);
  return result.success ? '' : formatZodIssues(result.error);
};

describe('ConnectParams', () => {
  it('accepts a node host connect', () => {
    expect(ConnectParamsSchema.safeParse(nodeConnect()).success).toBe(true);
  });

  it.each([
    ['top level', { ...nodeConnect(), extra: 1 }, "must NOT have additional properties: 'extra'"],
    ['client', { ...nodeConnect(), client: { ...nodeConnect().client, os: 'linux' } }, "client: must NOT have additional properties: 'os'"],
    ['auth', { ...nodeConnect(), auth: { token: 't', secret: 'x' } }, "auth: must NOT have additional properties: 'secret'"],
    ['device', { ...nodeConnect(), device: { ...nodeConnect().device, alg: 'ed25519' } }, "device: must NOT have additional properties: 'alg'"],
  ])('is closed at the %s level', (_, params, message) => {
    expect(issuesOf('connect', params)).toBe(message);
  });

  it('takes only client ids and modes the real schema lists', () => {
    const params = { ...nodeConnect(), client: { ...nodeConnect().client, id: 'my-node', mode: 'daemon' } };
    const message = issuesOf('connect', params);
    expect(message).toContain('client.id: must be equal to one of the allowed values: "node-host"');
    expect(message).toContain('client.mode: must be equal to one of the allowed values');
  });

  it('wants integer protocol bounds and a signedAt >= 0', () => {
    expect(issuesOf('connect', { ...nodeConnect(), minProtocol: 3.5 })).toBe('minProtocol: must be integer');
    expect(issuesOf('connect', { ...nodeConnect(), device: { ...nodeConnect().device, signedAt: -1 } })).toBe('device.signedAt: must be >= 0');
  });
});

describe('method params', () => {
  it('reports the missing property the way the real gateway does', () => {
    expect(issuesOf('node.invoke', { nodeId: 'n' })).toBe(
      "must have required property 'command'; must have required property 'idempotencyKey'",
    );
  });

  it('refuses empty strings and negative timeouts in node.invoke', () => {
    expect(issuesOf('node.invoke', { nodeId: '', command: 'system.which', idempotencyKey: 'k', timeoutMs: -5 })).toBe(
      'nodeId: must NOT have fewer than 1 characters; timeoutMs: must be >= 0',
    );
  });

  it('tolerates null payloadJSON and error in node.invoke.result', () => {
    expect(issuesOf('node.invoke.result', { id: 'i', nodeId: 'n', ok: true, payloadJSON: null, error: null })).toBe('');
    expect(issuesOf('node.invoke.result', { id: 'i', nodeId: 'n', ok: false, error: { code: 'X', stack: '' } })).toBe(
      "error: must NOT have additional properties: 'stack'",
    );
  });

  it('needs exactly one approvals owner in exec.approvals.node.set', () => {
    expect(issuesOf('exec.approvals.node.set', { nodeId: 'n', file: { version: 1 } })).toBe('');
    expect(issuesOf('exec.approvals.node.set', { nodeId: 'n' })).toBe("must have exactly one of properties 'file' or 'native'");
    expect(issuesOf('exec.approvals.node.set', { nodeId: 'n', native: { rules: [] } })).toBe("must have required property 'baseHash'");
    expect(issuesOf('exec.approvals.node.set', { nodeId: 'n', file: { version: 2 } })).toBe('file.version: must be equal to 1');
  });

  it('quotes keys that are not identifiers in paths', () => {
    const file = { version: 1, agents: { '*': { allowlist: [{ pattern: '/usr/bin/uname', source: 'manual' }] } } };
    expect(issuesOf('exec.approvals.node.set', { nodeId: 'n', file })).toBe(
      'file.agents["*"].allowlist[0].source: must be equal to "allow-always"',
    );
  });

  it('finds nothing for names that only exist on Object.prototype', () => {
    expect(METHOD_PARAM_SCHEMAS.constructor).toBeUndefined();
    expect(METHOD_PARAM_SCHEMAS.toString).toBeUndefined();
    expect(EVENT_PAYLOAD_SCHEMAS.hasOwnProperty).toBeUndefined();
  });
});

describe('event payloads', () => {
  it('node.invoke.request takes a null paramsJSON and nothing unknown', () => {
    const schema = EVENT_PAYLOAD_SCHEMAS['node.invoke.request'];
    expect(schema?.safeParse({ id: 'i', nodeId: 'n', command: 'system.which', paramsJSON: null, timeoutMs: 30000 }).success).toBe(true);
    expect(schema?.safeParse({ id: 'i', nodeId: 'n', command: 'system.which', params: {} }).success).toBe(false);
  });

  it('tick wants an integer timestamp', () => {
    expect(EVENT_PAYLOAD_SCHEMAS.tick?.safeParse({ ts: 1.5 }).success).toBe(false);
    expect(EVENT_PAYLOAD_SCHEMAS.tick?.safeParse({ ts: 1795509066930 }).success).toBe(true);
  });
});
