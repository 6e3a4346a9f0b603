import { z } from 'zod';
import { configSchema } from './config-schema.js';
import { jsonSchemaKeyPaths } from './json-schema-key-paths.js';
import { KeyTree } from './key-tree.js';
import { secretFields } from './secret-fields.js';

let cached: KeyTree | undefined;

/**
 * Our own config schema as a key tree, secret fields marked: the source of truth for
 * redaction and for "did you mean" suggestions. Built on first use (about a millisecond).
 *
 * @example
 * schemaKeyTree().isSecret(['gateway', 'auth', 'token']); // true
 */
export function schemaKeyTree(): KeyTree {
  if (cached === undefined) {
    const jsonSchema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', metadata: secretFields });
    const { paths, secrets } = jsonSchemaKeyPaths(jsonSchema);
    cached = KeyTree.from(paths, secrets);
  }
  return cached;
}
