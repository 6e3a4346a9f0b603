import { OpenClawError, formatKeyPath } from '@openclaw-nodes/core/errors';

/** A parsed config path: object keys and array indexes, outermost first. */
export type ConfigPath = ReadonlyArray<string | number>;

// Writing through these would reach Object.prototype instead of the config object.
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Parses a dot/bracket path: `a.b`, `list[0]`, `a["b.c"]` or `a['b.c']`.
 *
 * @example
 * parseConfigPath('agents.list[0].tools.exec.node'); // ['agents', 'list', 0, 'tools', 'exec', 'node']
 */
export function parseConfigPath(expression: string): (string | number)[] {
  const fail = (reason: string, at: number): never => {
    throw new OpenClawError('CONFIG_PATH_INVALID', `Invalid config path "${expression}": ${reason} at position ${at + 1}.`, {
      details: { path: expression, position: at + 1 },
    });
  };
  const segments: (string | number)[] = [];
  let i = 0;
  const readKey = (): string => {
    const start = i;
    while (i < expression.length && !'.[]'.includes(expression[i]) && !/\s/.test(expression[i])) i++;
    if (i === start) fail(i < expression.length ? `unexpected "${expression[i]}"` : 'expected a key', i);
    return expression.slice(start, i);
  };
  const readBracket = (): string | number => {
    i++; // past '['
    const quote = expression[i];
    let value: string | number;
    if (quote === '"' || quote === "'") {
      const open = i++;
      let key = '';
      while (i < expression.length && expression[i] !== quote) {
        if (expression[i] === '\\' && i + 1 < expression.length) i++;
        key += expression[i++];
      }
      if (i >= expression.length) fail('unterminated quoted key', open);
      i++; // past the closing quote
      value = key;
    } else {
      const start = i;
      while (i < expression.length && /\d/.test(expression[i])) i++;
      if (i === start) fail('expected an array index or a quoted key', start);
      value = Number(expression.slice(start, i));
    }
    if (expression[i] !== ']') fail('expected "]"', i);
    i++;
    return value;
  };

  if (expression.trim() === '') fail('path is empty', 0);
  segments.push(expression[0] === '[' ? readBracket() : readKey());
  while (i < expression.length) {
    if (expression[i] === '.') {
      i++;
      segments.push(readKey());
    } else if (expression[i] === '[') {
      segments.push(readBracket());
    } else {
      fail(`unexpected "${expression[i]}"`, i);
    }
  }
  for (const segment of segments) {
    if (typeof segment === 'string' && FORBIDDEN_KEYS.has(segment)) fail(`key "${segment}" is not allowed`, expression.indexOf(segment));
  }
  return segments;
}

/**
 * Formats a path the way `parseConfigPath` reads it; the empty path is `(root)`.
 *
 * @example
 * formatConfigPath(['agents', 'list', 0, 'id']); // 'agents.list[0].id'
 */
export function formatConfigPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(root)' : formatKeyPath(path);
}

/** Accepts either form so callers can pass what the user typed. */
export function toConfigPath(path: string | ConfigPath): ConfigPath {
  return typeof path === 'string' ? parseConfigPath(path) : path;
}

export function isForbiddenKey(key: string | number): boolean {
  return typeof key === 'string' && FORBIDDEN_KEYS.has(key);
}
