import { readFileSync } from 'node:fs';
import { KeyTree } from './key-tree.js';

// Generated from the real OpenClaw's schema by scripts/openclaw-key-paths.sh.
const DATA_FILE = new URL('../data/openclaw-key-paths.txt', import.meta.url);

let cached: KeyTree | undefined;

/**
 * The key paths the real OpenClaw's config schema knows (about 130 kB of text), read on
 * first use: only a config with keys outside our own schema needs it.
 *
 * @example
 * openclawKeyTree().knows(['nodeHost', 'browserProxy', 'enabled']); // true
 */
export function openclawKeyTree(): KeyTree {
  if (cached === undefined) {
    const paths = readFileSync(DATA_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    cached = KeyTree.from([...paths, ...paths.filter((path) => path.startsWith(AGENT_ENTRY)).map((path) => `${AGENT_ITEM}${path.slice(AGENT_ENTRY.length)}`)]);
  }
  return cached;
}

// OpenClaw still reads the `agents.list` this product uses, migrating each item to its keyed
// `agents.entries.<id>`: an item may carry every setting an entry may.
const AGENT_ENTRY = 'agents.entries.*.';
const AGENT_ITEM = 'agents.list[].';
