import { z } from 'zod';
import type { CommandSpec } from '@openclaw-nodes/core/plugin';

type Json = Record<string, unknown>;

/** The `node` argument every node tool takes, resolved by the gateway like `--node`. */
export const NODE_PROPERTY: Json = { type: 'string', minLength: 1, maxLength: 256, description: 'Node id, id prefix (6+ characters), display name or IP (see nodes_list)' };

/** A tool's JSON Schema input and how its arguments become the command's params. */
export interface ToolInput {
  readonly inputSchema: Json & { type: 'object' };
  /** `flat`: the params are the arguments without `node`; `nested`: they are `arguments.params`. */
  readonly shape: 'flat' | 'nested';
}

const jsonSchema = (schema: z.ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

/** The object branch of a params schema (`{…}` or `{…} | null`), if it has one. */
function objectBranch(schema: Json): Json | undefined {
  if (schema.type === 'object' && typeof schema.properties === 'object') return schema;
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as Json[]) : [];
  const objects = branches.filter((b) => b.type === 'object');
  const rest = branches.filter((b) => b.type !== 'object' && b.type !== 'null');
  return objects.length === 1 && rest.length === 0 && typeof objects[0].properties === 'object' ? objects[0] : undefined;
}

/**
 * The input schema of the tool for `spec` (or of a command no plugin here describes): the
 * command's own params next to `node` when they are an object without a `node` key, which
 * models fill most reliably; otherwise `{node, params}`. Definitions (`$defs`) are kept.
 *
 * @example
 * toolInput(whichSpec).inputSchema; // {type:'object', properties:{node:{…}, bins:{…}}, required:['node','bins']}
 */
export function toolInput(spec: CommandSpec | undefined): ToolInput {
  const params = spec ? jsonSchema(spec.params) : { type: 'object', additionalProperties: true, description: 'The command parameters (no schema is known here for this command)' };
  const object = objectBranch(params);
  const properties = object?.properties as Record<string, Json> | undefined;
  if (object && properties && !Object.hasOwn(properties, 'node')) {
    const { type: _t, properties: _p, required, ...rest } = object;
    const defs = params.$defs === undefined ? {} : { $defs: params.$defs };
    return {
      shape: 'flat',
      inputSchema: { ...rest, ...defs, type: 'object', properties: { node: NODE_PROPERTY, ...properties }, required: ['node', ...((required as string[] | undefined) ?? [])] },
    };
  }
  return { shape: 'nested', inputSchema: { type: 'object', properties: { node: NODE_PROPERTY, params }, required: ['node'] } };
}
