import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';

/** OpenClaw variables that hold a credential (`OPENCLAW_GATEWAY_TOKEN`, `OPENCLAW_GATEWAY_PASSWORD`, …). */
const SECRET_NAME = /^OPENCLAW_\w*(TOKEN|PASSWORD|SECRET)\w*$/;

/**
 * Blanks the values of OpenClaw's credential variables in the environment block this
 * process was started with, and keeps them readable through `process.env` only.
 *
 * Why: on Linux any process of the same user reads `/proc/<pid>/environ`, which shows that
 * original block whatever `process.env` says later, so a command this host runs could
 * print the gateway token with `cat /proc/$PPID/environ`. Writing `/proc/self/mem` is how a
 * process rewrites its own block; the values are then set again with `setenv`, whose copy
 * lives on the heap. Best effort: off Linux, or when `/proc` is unavailable, nothing changes.
 *
 * @returns the names whose values were blanked.
 */
export function hideEnvSecrets(): string[] {
  const names = Object.keys(process.env).filter((name) => SECRET_NAME.test(name) && process.env[name]);
  if (names.length === 0 || process.platform !== 'linux') return [];
  const values = new Map(names.map((name) => [name, process.env[name]!]));
  let hidden: string[] = [];
  try {
    hidden = blankInEnvironBlock(new Set(names));
  } catch {
    return [];
  }
  for (const name of hidden) process.env[name] = values.get(name);
  return hidden;
}

/** Overwrites with NULs the value of each named `NAME=value` entry of this process's env block. */
function blankInEnvironBlock(names: ReadonlySet<string>): string[] {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields 50 and 51 (env_start, env_end), counted after the command name's last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[47]);
  const end = Number(fields[48]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end <= start || end - start > 1 << 24) return [];
  const fd = openSync('/proc/self/mem', 'r+');
  const hidden: string[] = [];
  try {
    const block = Buffer.alloc(end - start);
    readSync(fd, block, 0, block.length, start);
    for (let at = 0; at < block.length; ) {
      const stop = block.indexOf(0, at) < 0 ? block.length : block.indexOf(0, at);
      const entry = block.toString('utf8', at, stop);
      const eq = entry.indexOf('=');
      const name = eq > 0 ? entry.slice(0, eq) : '';
      if (names.has(name)) {
        const valueAt = at + Buffer.byteLength(entry.slice(0, eq + 1));
        writeSync(fd, Buffer.alloc(stop - valueAt), 0, stop - valueAt, start + valueAt);
        hidden.push(name);
      }
      at = stop + 1;
    }
  } finally {
    closeSync(fd);
  }
  return hidden;
}
