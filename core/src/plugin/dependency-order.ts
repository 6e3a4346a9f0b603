import { OpenClawError } from '../errors.js';

interface Node {
  readonly name: string;
  readonly dependsOn?: readonly string[];
}

/**
 * Orders items so each comes after the items it depends on, otherwise keeping list order
 * (a dependency is pulled forward, nothing else moves). Every dependency must be in the list.
 *
 * @example
 * dependencyOrder([{ name: 'b', dependsOn: ['a'] }, { name: 'c' }, { name: 'a' }]); // a, b, c
 */
export function dependencyOrder<T extends Node>(items: readonly T[]): T[] {
  const byName = new Map(items.map((item) => [item.name, item]));
  const placed = new Set<string>();
  const out: T[] = [];
  const visit = (item: T, trail: readonly string[]): void => {
    if (placed.has(item.name)) return;
    if (trail.includes(item.name)) {
      const cycle = [...trail.slice(trail.indexOf(item.name)), item.name].join(' -> ');
      throw new OpenClawError('PLUGIN_INVALID', `plugins depend on each other in a cycle: ${cycle}`, { details: { cycle } });
    }
    for (const dep of item.dependsOn ?? []) {
      const target = byName.get(dep);
      if (target) visit(target, [...trail, item.name]);
    }
    placed.add(item.name);
    out.push(item);
  };
  for (const item of items) visit(item, []);
  return out;
}
