import type { z } from 'zod';
import { formatKeyPath } from '../errors/format-key-path.js';

export { formatKeyPath };

// zod prefixes its built-in messages with a category ("Invalid input: expected string, ...");
// next to a key path the category only adds noise.
const CATEGORY = /^(?:Invalid input|Invalid option|Too big|Too small): /;

/**
 * Turns zod issues into one `key.path: problem` line each, so a person can find the offending
 * key. A message that already begins with its own key path (a schema author's wire-stable
 * text such as `bins required`) is kept as is instead of becoming `bins: bins required`.
 *
 * @example
 * formatIssues(schema.safeParse({ prefix: 1 }).error!.issues, ['plugins', 'options', 'echo']);
 * // ['plugins.options.echo.prefix: expected string, received number']
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatKeyPath([...path, key])}: unknown key`);
      continue;
    }
    const where = formatKeyPath(path);
    const message = issue.message.replace(CATEGORY, '');
    lines.push(where === '' || message.startsWith(`${where} `) ? message : `${where}: ${message}`);
  }
  return lines;
}
