import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { quantile, timeRuns } from './measure.js';
import { BIN, result } from './processes.js';

/**
 * Times a whole `openclaw nodes …` media command (`args` after the binary) over `runs` runs
 * and prints it as `name`. The CLI never deletes the files it writes; those named
 * `prefix…` that appeared meanwhile in `mediaDir` are ours and are removed.
 */
export function timeMediaCli(name, args, { env, runs, mediaDir, prefix }) {
  const before = new Set(readdirSync(mediaDir));
  const [wall] = timeRuns([{ command: process.execPath, args: [BIN, ...args] }], { runs, warmup: 2, env });
  for (const file of readdirSync(mediaDir)) if (!before.has(file) && file.startsWith(prefix)) unlinkSync(join(mediaDir, file));
  result(name, 'ms', quantile(wall, 0.5), quantile(wall, 0.9), wall.length, undefined, { note: 'whole CLI process: start, node.list, node.invoke, file write' });
}
