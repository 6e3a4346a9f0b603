import { closest, distance } from 'fastest-levenshtein';
import { formatConfigPath, type ConfigPath } from './config-path.js';
import { getConfigValue } from './config-value.js';
import type { KeyTree } from './key-tree.js';
import { openclawKeyTree } from './openclaw-key-tree.js';
import { schemaKeyTree } from './schema-key-tree.js';

/** One key our schema does not know, addressed by the key path a user would type. */
export interface UnknownKeyIssue {
  path: string;
  message: string;
}

/**
 * Whether a key our schema does not know belongs to the real OpenClaw's schema: a file
 * shared with (or written for) OpenClaw keeps working here, minus those settings.
 */
export function isOpenClawKey(path: ConfigPath): boolean {
  return openclawKeyTree().knows(path);
}

/**
 * Whether a key is one this product ignores: our schema does not know it, the real
 * OpenClaw's does (`channels.telegram.botToken`). Nothing here reads its value.
 */
export function isIgnoredOpenClawKey(path: ConfigPath): boolean {
  return !schemaKeyTree().knows(path) && isOpenClawKey(path);
}

/** `unknown key`, with the nearest known key at the same place when one is close enough. */
export function unknownKeyIssue(path: ConfigPath, trees: readonly KeyTree[] = [schemaKeyTree(), openclawKeyTree()]): UnknownKeyIssue {
  const key = path[path.length - 1];
  const candidates = [...new Set(trees.flatMap((tree) => tree.keysAt(path.slice(0, -1))))];
  const suggestion = typeof key === 'string' && candidates.length > 0 ? closest(key, candidates) : undefined;
  // A distance of up to a third of the word (at least 2) catches typos, not other words.
  const close = suggestion !== undefined && distance(String(key), suggestion) <= Math.max(2, Math.floor(String(key).length / 3));
  return { path: formatConfigPath(path), message: close ? `unknown key (did you mean "${suggestion}"?)` : 'unknown key' };
}

/**
 * The keys inside an OpenClaw-only section that OpenClaw itself would not know either, so
 * a typo there (`nodeHost.browserProxy.enabeld`) is still reported.
 */
export function unknownKeysInside(raw: unknown, path: ConfigPath): UnknownKeyIssue[] {
  const tree = openclawKeyTree();
  const issues: UnknownKeyIssue[] = [];
  const visit = (value: unknown, at: ConfigPath): void => {
    if (typeof value !== 'object' || value === null) return;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = [...at, key];
      if (!tree.knows(childPath)) issues.push(unknownKeyIssue(childPath, [tree]));
      else visit(child, childPath);
    }
  };
  visit(getConfigValue(raw, path), path);
  return issues;
}
