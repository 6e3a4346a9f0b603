import { describe, expect, it } from 'vitest';
import { jsonSchemaKeyPaths } from './json-schema-key-paths.js';
import { KeyTree } from './key-tree.js';
import { openclawKeyTree } from './openclaw-key-tree.js';

describe('jsonSchemaKeyPaths and KeyTree', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      gateway: { type: 'object', additionalProperties: false, properties: { token: { type: 'string', secret: true } } },
      servers: { type: 'object', additionalProperties: { type: 'object', additionalProperties: false, properties: { url: { type: 'string' } } } },
      list: { type: 'array', items: { anyOf: [{ type: 'object', additionalProperties: false, properties: { id: { type: 'string' } } }, { type: 'string' }] } },
      meta: { type: 'object', additionalProperties: {} },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      hosts: { type: 'array', items: { type: 'string' } },
    },
  };

  it('lists properties, map values (*), list items ([]) and free-form sections (**)', () => {
    expect(jsonSchemaKeyPaths(schema)).toEqual({
      paths: ['gateway', 'gateway.token', 'servers', 'servers.*', 'servers.*.url', 'list', 'list[]', 'list[].id', 'meta', 'meta.**', 'labels', 'labels.*', 'hosts', 'hosts[]'],
      secrets: ['gateway.token'],
    });
  });

  it('answers lookups by concrete path', () => {
    const { paths, secrets } = jsonSchemaKeyPaths(schema);
    const tree = KeyTree.from(paths, secrets);
    expect(tree.knows(['servers', 'any-name', 'url'])).toBe(true);
    expect(tree.knows(['servers', 'any-name', 'uri'])).toBe(false);
    expect(tree.knows(['list', 3, 'id'])).toBe(true);
    expect(tree.knows(['labels', 'any-name'])).toBe(true);
    expect(tree.knows(['labels', 'any-name', 'x'])).toBe(false);
    expect(tree.knows(['hosts', 0])).toBe(true);
    expect(tree.knows(['meta', 'a', 'b', 0, 'c'])).toBe(true);
    expect(tree.knows(['gateway', 'port'])).toBe(false);
    expect(tree.isSecret(['gateway', 'token'])).toBe(true);
    expect(tree.keysAt([])).toEqual(['gateway', 'servers', 'list', 'meta', 'labels', 'hosts']);
  });

  it('knows the real OpenClaw keys from the generated list', () => {
    const tree = openclawKeyTree();
    expect(tree.knows(['nodeHost', 'browserProxy', 'enabled'])).toBe(true);
    expect(tree.knows(['gateway', 'auth', 'password'])).toBe(true);
    expect(tree.knows(['channels', 'anything', 'at', 'all'])).toBe(true);
    expect(tree.knows(['gatway'])).toBe(false);
    // Its legacy agents.list items carry what a keyed agents.entries item may.
    expect(tree.knows(['agents', 'list', 0, 'model'])).toBe(true);
    expect(tree.knows(['agents', 'list', 0, 'modle'])).toBe(false);
    expect(tree.knows(['agents', 'list', 'main', 'model'])).toBe(false);
  });
});
