import { z } from 'zod';
import type { MethodTable } from '../methods/method-spec.js';
import type { ApiRoute } from './api-route.js';

type Json = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

/** OpenAPI parameters from a zod object schema of path or query strings. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(properties).map(([name, { description, ...prop }]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    ...(description === undefined ? {} : { description }),
    schema: prop,
  }));
}

const operationId = (route: ApiRoute) =>
  route.verb.toLowerCase() +
  route.path
    .split('/')
    .filter((s) => s && s !== 'v1')
    .map((s) => (s.startsWith(':') ? `By${s[1].toUpperCase()}${s.slice(2)}` : s[0].toUpperCase() + s.slice(1)))
    .join('')
    .replace(/[^A-Za-z0-9]/g, '');

function success(route: ApiRoute): Json {
  if (route.produces) {
    const content = Object.fromEntries(route.produces.map((type) => [type, { schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' } }]));
    return { description: 'OK', content };
  }
  return { description: 'OK', content: { 'application/json': { schema: route.response ? jsonSchema(route.response, 'output') : {} } } };
}

/**
 * The OpenAPI 3.1 document of a route table: paths, parameters and bodies from the very zod
 * schemas the routes validate with, plus each route's scopes (from the method it mirrors).
 *
 * @example
 * const doc = openApiDocument([...nodeRoutes, ...pairingRoutes], methods, '0.1.0');
 */
export function openApiDocument(routes: readonly ApiRoute[], methods: MethodTable, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const scopes = route.rpc ? (methods[route.rpc]?.scopes ?? []) : (route.scopes ?? []);
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.verb.toLowerCase()] = {
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.rpc ? { 'x-openclaw-method': route.rpc } : {}),
      'x-openclaw-scopes': scopes,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: { '200': success(route), default: { $ref: '#/components/responses/Error' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'openclaw-nodes gateway', version, description: 'The HTTP control API of the gateway. See docs/http-api.md.' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The gateway token, or an operator device token the gateway issued' } },
      responses: {
        Error: {
          description: 'A coded error; the status comes from the code (docs/errors.md)',
          content: { 'application/json': { schema: jsonSchema(ERROR_BODY, 'output') } },
        },
      },
    },
    paths,
  };
}

const ERROR_BODY = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});
