import { createRequire } from 'node:module';
import { join } from 'node:path';
import { listDir } from './list-dir.js';

const SCOPE = '@openclaw-nodes';
const PREFIX = 'plugin-';

/**
 * The names of the first-party plugins installed with this core: its scope's `plugin-<name>`
 * packages. A discovered package never takes one of these names, on any host flavour, so a
 * package in some node_modules calling itself `canvas` cannot stand in for the real one where
 * that built-in is not part of the host (a headless node enabling `canvas`).
 *
 * @example
 * firstPartyPluginNames(); // Set { 'canvas', 'system' }
 */
export function firstPartyPluginNames(): Set<string> {
  const names = new Set<string>();
  for (const modules of createRequire(import.meta.url).resolve.paths(`${SCOPE}/x`) ?? []) {
    for (const name of listDir(join(modules, SCOPE), 200)) if (name.startsWith(PREFIX)) names.add(name.slice(PREFIX.length));
  }
  return names;
}
