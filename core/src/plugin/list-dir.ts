import { opendirSync, type Dir } from 'node:fs';

/**
 * The names of at most `max` entries of a directory, read one by one so a folder with a
 * million entries costs no more than `max` of them. A folder that does not exist or cannot
 * be read has none.
 *
 * @example
 * listDir('/srv/node_modules', 2000); // ['@acme', 'openclaw-plugin-echo', ...]
 */
export function listDir(path: string, max: number): string[] {
  let dir: Dir;
  try {
    dir = opendirSync(path);
  } catch {
    return [];
  }
  const names: string[] = [];
  try {
    for (let entry = dir.readSync(); entry !== null && names.length < max; entry = dir.readSync()) names.push(entry.name);
  } catch {
    // An entry that vanished or a folder that turned unreadable mid-way ends the listing.
  } finally {
    dir.closeSync();
  }
  return names;
}
