import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';

/** OpenClaw variables that hold a credential (`OPENCLAW_GATEWAY_TOKEN`, `OPENCLAW_GATEWAY_PASSWORD`, …). */
const SECRET_NAME = /^OPENCLAW_\w*(TOKEN|PASSWORD|SECRET)\w*$/;
/** Options whose value is a credential (`--token <t>` or `--token=<t>`). */
const SECRET_OPTIONS: ReadonlySet<string> = new Set(['--token', '--password']);

/**
 * Blanks this process's credentials where other processes can read them: the values of
 * OpenClaw's credential variables in the environment block it was started with, and the
 * values of `--token` / `--password` in its argument block. The variables stay readable
 * through `process.env`, and `process.argv` is an earlier copy, so the process itself loses
 * nothing.
 *
 * Why: on Linux any process of the same user reads `/proc/<pid>/environ`, and any user at all
 * reads `/proc/<pid>/cmdline`; both show those original blocks whatever `process.env` says
 * later, so a command this host runs could print the gateway token with `cat
 * /proc/$PPID/environ`. Writing `/proc/self/mem` is how a process rewrites its own blocks;
 * the variables are set again with `setenv`, whose copy lives on the heap. Best effort: off
 * Linux, or when `/proc` is unavailable, nothing changes.
 *
 * `configReferences` are the variables the config refers to with `${VAR}`: they are
 * blanked too (hosts also keep them out of their commands with `addHostOnlyEnvKeys`). This
 * module imports `node:fs` only: every CLI process runs it before anything else loads.
 *
 * @returns what was blanked: variable names, and option names for arguments.
 */
export function hideEnvSecrets(configReferences: readonly string[] = []): string[] {
  if (process.platform !== 'linux') return [];
  const referenced = new Set(configReferences);
  const names = Object.keys(process.env).filter((name) => (SECRET_NAME.test(name) || referenced.has(name)) && process.env[name]);
  const values = new Map(names.map((name) => [name, process.env[name]!]));
  try {
    const [argStart, argEnd, envStart, envEnd] = memoryBlocks();
    const hidden = [...blank(argStart, argEnd, argumentValues), ...blank(envStart, envEnd, variableValues(new Set(names)))];
    for (const name of hidden) if (values.has(name)) process.env[name] = values.get(name);
    return hidden;
  } catch {
    return [];
  }
}

/** arg_start, arg_end, env_start, env_end: fields 48 to 51 of `/proc/self/stat`. */
function memoryBlocks(): number[] {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Counted after the command name's last ')', where field 3 is index 0.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(45, 49).map(Number);
}

/** Where the secret in one NUL-terminated entry starts (a byte offset), and under which name, if it holds one. */
type SecretFinder = (entry: string, previous: string) => { name: string; from: number } | undefined;

const variableValues =
  (names: ReadonlySet<string>): SecretFinder =>
  (entry) => {
    const eq = entry.indexOf('=');
    return eq > 0 && names.has(entry.slice(0, eq)) ? { name: entry.slice(0, eq), from: Buffer.byteLength(entry.slice(0, eq + 1)) } : undefined;
  };

const argumentValues: SecretFinder = (entry, previous) => {
  if (SECRET_OPTIONS.has(previous)) return { name: previous, from: 0 };
  const eq = entry.indexOf('=');
  return eq > 0 && SECRET_OPTIONS.has(entry.slice(0, eq)) ? { name: entry.slice(0, eq), from: Buffer.byteLength(entry.slice(0, eq + 1)) } : undefined;
};

/** Overwrites with NULs the secret part of each entry of the NUL-separated block [start, end). */
function blank(start: number, end: number, find: SecretFinder): string[] {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end <= start || end - start > 1 << 24) return [];
  const fd = openSync('/proc/self/mem', 'r+');
  const hidden: string[] = [];
  try {
    const block = Buffer.alloc(end - start);
    readSync(fd, block, 0, block.length, start);
    let previous = '';
    for (let at = 0; at < block.length; ) {
      const stop = block.indexOf(0, at) < 0 ? block.length : block.indexOf(0, at);
      const entry = block.toString('utf8', at, stop);
      const secret = find(entry, previous);
      if (secret !== undefined && stop > at + secret.from) {
        writeSync(fd, Buffer.alloc(stop - at - secret.from), 0, stop - at - secret.from, start + at + secret.from);
        hidden.push(secret.name);
      }
      previous = entry;
      at = stop + 1;
    }
  } finally {
    closeSync(fd);
  }
  return hidden;
}
