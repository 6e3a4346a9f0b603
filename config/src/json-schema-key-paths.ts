import type { KeyPathPattern } from './key-tree.js';

/** The parts of a JSON schema node that say which keys may appear below it. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  /** Set by our schema on secret fields (see `secret()`). */
  secret?: boolean;
}

export interface JsonSchemaKeyPaths {
  /** Every key path, in `KeyTree` pattern syntax. */
  paths: KeyPathPattern[];
  /** The paths of fields marked `secret: true`. */
  secrets: KeyPathPattern[];
}

// Real-world schemas nest deeply but not this deep; the bound keeps a cyclic or hostile
// schema from recursing without end.
const MAX_DEPTH = 32;

/**
 * Lists the key paths a JSON schema allows: object properties, `*` for map values
 * (`additionalProperties` with a schema), `[]` for list items and `**` where any key goes
 * (an object schema without `additionalProperties: false`, or an empty schema).
 *
 * @example
 * jsonSchemaKeyPaths({ type: 'object', properties: { port: { type: 'integer' } }, additionalProperties: false });
 * // { paths: ['port'], secrets: [] }
 */
export function jsonSchemaKeyPaths(schema: unknown): JsonSchemaKeyPaths {
  const paths = new Set<KeyPathPattern>();
  const secrets = new Set<KeyPathPattern>();
  const visit = (node: SchemaNode, path: string, depth: number): void => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
    if (node.secret === true && path !== '') secrets.add(path);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(branch, path, depth + 1);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const childPath = path === '' ? key : `${path}.${key}`;
      paths.add(childPath);
      visit(child, childPath, depth + 1);
    }
    const extra = node.additionalProperties;
    if (typeof extra === 'object' && Object.keys(extra).length > 0) {
      // The map's own entries are keys too, also when their values are plain strings.
      const entry = path === '' ? '*' : `${path}.*`;
      paths.add(entry);
      visit(extra, entry, depth + 1);
    } else if (path !== '' && acceptsAnyKey(node)) {
      paths.add(`${path}.**`);
    }
    const items = Array.isArray(node.items) ? node.items : node.items === undefined ? [] : [node.items];
    // Items are addressable (`list[0]`), also when they are plain values.
    if (items.length > 0 && path !== '') paths.add(`${path}[]`);
    for (const item of items) visit(item, `${path}[]`, depth + 1);
  };
  visit(schema as SchemaNode, '', 0);
  return { paths: [...paths], secrets: [...secrets] };
}

/** An object schema that does not close its keys, or a schema that says nothing at all. */
function acceptsAnyKey(node: SchemaNode): boolean {
  const extra = node.additionalProperties;
  if (extra === false) return false;
  if (extra === true || (typeof extra === 'object' && Object.keys(extra).length === 0)) return true;
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  if (types.includes('object')) return node.properties === undefined;
  // `{}`: any value, including any object.
  return types.length === 0 && node.properties === undefined && node.items === undefined && !node.anyOf && !node.oneOf && !node.allOf;
}
