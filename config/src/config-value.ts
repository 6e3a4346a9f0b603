import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatConfigPath, isForbiddenKey, toConfigPath, type ConfigPath } from './config-path.js';

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** An index into an array: a number, or a string of digits (`list.0` works like `list[0]`). */
function arrayIndex(key: string | number): number | undefined {
  if (typeof key === 'number') return key;
  return /^\d+$/.test(key) ? Number(key) : undefined;
}

function child(container: Container, key: string | number): unknown {
  if (Array.isArray(container)) {
    const index = arrayIndex(key);
    return index === undefined ? undefined : container[index];
  }
  const name = String(key);
  return Object.hasOwn(container, name) ? container[name] : undefined;
}

function assertSafe(path: ConfigPath): void {
  const bad = path.find(isForbiddenKey);
  if (bad !== undefined) throw new OpenClawError('CONFIG_PATH_INVALID', `Invalid config path: key "${String(bad)}" is not allowed.`);
}

/**
 * Reads the value at `path`, or `undefined` when any part of it is missing.
 *
 * @example
 * getConfigValue({ agents: { list: [{ id: 'main' }] } }, 'agents.list[0].id'); // 'main'
 */
export function getConfigValue(root: unknown, path: string | ConfigPath): unknown {
  let current = root;
  for (const key of toConfigPath(path)) {
    if (!isContainer(current)) return undefined;
    current = child(current, key);
  }
  return current;
}

/**
 * Sets `value` at `path` in place, creating missing objects (or arrays, when the next key
 * is an index) on the way. Appending is allowed (`list[length]`), leaving holes is not.
 *
 * @example
 * const raw = {};
 * setConfigValue(raw, 'agents.list[0].id', 'main'); // raw = { agents: { list: [{ id: 'main' }] } }
 */
export function setConfigValue(root: Record<string, unknown>, path: string | ConfigPath, value: unknown): void {
  const keys = toConfigPath(path);
  assertSafe(keys);
  if (keys.length === 0) throw new OpenClawError('CONFIG_PATH_INVALID', 'Invalid config path: the path is empty.');
  let current: Container = root;
  for (let depth = 0; depth < keys.length; depth++) {
    const slot = slotIn(current, keys, depth);
    if (depth === keys.length - 1) {
      assign(current, slot, value);
      return;
    }
    let next = child(current, slot);
    if (next === undefined) {
      // Only a bracketed index creates a list; `a.0` creates an object key "0".
      next = typeof keys[depth + 1] === 'number' ? [] : {};
      assign(current, slot, next);
    } else if (!isContainer(next)) {
      const where = formatConfigPath(keys.slice(0, depth + 1));
      throw new OpenClawError('CONFIG_PATH_INVALID', `Cannot set ${formatConfigPath(keys)}: ${where} is ${describe(next)}, not an object.`);
    }
    current = next as Container;
  }
}

/** The key to use in `container` for `keys[depth]`; array slots must not leave holes. */
function slotIn(container: Container, keys: ConfigPath, depth: number): string | number {
  const key = keys[depth];
  if (!Array.isArray(container)) return String(key);
  const index = arrayIndex(key);
  const where = formatConfigPath(keys.slice(0, depth));
  if (index === undefined) {
    throw new OpenClawError('CONFIG_PATH_INVALID', `Cannot set ${formatConfigPath(keys)}: ${where} is a list, use an index like ${where}[0].`);
  }
  if (index > container.length) {
    throw new OpenClawError(
      'CONFIG_PATH_INVALID',
      `Cannot set ${formatConfigPath(keys)}: ${where} has ${container.length} item(s); use index ${container.length} to append.`,
    );
  }
  return index;
}

function assign(container: Container, slot: string | number, value: unknown): void {
  if (Array.isArray(container)) container[Number(slot)] = value;
  else container[String(slot)] = value;
}

/**
 * Removes the value at `path` in place (an array item is spliced out, so later items move
 * up). Returns false when nothing was there.
 *
 * @example
 * unsetConfigValue(raw, 'tools.exec.node'); // true if it was set
 */
export function unsetConfigValue(root: Record<string, unknown>, path: string | ConfigPath): boolean {
  const keys = toConfigPath(path);
  assertSafe(keys);
  if (keys.length === 0) return false;
  const parent = getConfigValue(root, keys.slice(0, -1));
  if (!isContainer(parent)) return false;
  const key = keys[keys.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(key);
    if (index === undefined || index >= parent.length) return false;
    parent.splice(index, 1);
    return true;
  }
  const name = String(key);
  if (!Object.hasOwn(parent, name)) return false;
  delete parent[name];
  return true;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}
