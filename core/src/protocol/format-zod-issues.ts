import type { z } from 'zod';
import { formatKeyPath } from '../errors/format-key-path.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];


/**
 * Turns zod issues into one line in the spirit of the real gateway's AJV messages
 * (`must have required property 'command'`), prefixed with the path when not at the root:
 * `client.id: must be equal to one of the allowed values: "cli", ...`. Issues are joined
 * with `; `.
 *
 * @example
 * const r = NodeInvokeParamsSchema.safeParse(params);
 * if (!r.success) throw new OpenClawError('INVALID_REQUEST', `invalid node.invoke params: ${formatZodIssues(r.error)}`);
 */
export function formatZodIssues(error: z.ZodError | readonly Issue[]): string {
  const issues = 'issues' in error ? error.issues : error;
  const lines = new Set<string>();
  for (const issue of issues) collect(issue, [], lines);
  return [...lines].join('; ');
}

function collect(issue: Issue, prefix: Path, out: Set<string>): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that came closest instead of "matches no schema".
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    for (const inner of best) collect(inner, path, out);
    return;
  }
  if (issue.code === 'invalid_type' && isMissing(issue) && path.length > 0) {
    out.add(line(path.slice(0, -1), `must have required property '${String(path[path.length - 1])}'`));
    return;
  }
  out.add(line(path, describe(issue)));
}

// zod reports an absent key as "expected X, received undefined" (with `input: undefined`
// when the schema was parsed with `reportInput`).
const isMissing = (issue: Issue): boolean => (Object.hasOwn(issue, 'input') && issue.input === undefined) || issue.message.endsWith('received undefined');

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'integer' : issue.expected}`;
    case 'too_small':
      return bound(issue.origin, 'fewer', issue.minimum, issue.inclusive);
    case 'too_big':
      return bound(issue.origin, 'more', issue.maximum, issue.inclusive);
    case 'unrecognized_keys':
      return `must NOT have additional properties: ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be equal to ${JSON.stringify(issue.values[0])}`
        : `must be equal to one of the allowed values: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `must match pattern "${String(issue.pattern)}"` : `must match format "${issue.format}"`;
    default:
      return issue.message;
  }
}

function bound(origin: string, side: 'fewer' | 'more', limit: number | bigint, inclusive?: boolean): string {
  if (origin === 'string') return `must NOT have ${side} than ${limit} characters`;
  if (origin === 'array' || origin === 'set') return `must NOT have ${side} than ${limit} items`;
  const op = side === 'fewer' ? (inclusive === false ? '>' : '>=') : inclusive === false ? '<' : '<=';
  return `must be ${op} ${limit}`;
}

function line(path: Path, message: string): string {
  return path.length === 0 ? message : `${formatKeyPath(path)}: ${message}`;
}

