import { baseName, findShellWrapper } from './command-wrappers.js';

/**
 * The argv a command string is sent as (EXEC.md 3): `/bin/sh -c <command>`, or `cmd.exe /d
 * /s /c <command>` for a Windows node. Deliberately not a login shell: `/etc/profile` resets
 * PATH on Debian and Ubuntu, so a login shell would look programs up elsewhere than the node
 * host, which resolved and approved them against its own PATH.
 *
 * @example
 * shellCommandArgv('linux', 'uname -a'); // ['/bin/sh', '-c', 'uname -a']
 */
export function shellCommandArgv(platform: string | undefined, command: string): string[] {
  return platform?.toLowerCase().startsWith('win') ? ['cmd.exe', '/d', '/s', '/c', command] : ['/bin/sh', '-c', command];
}

/** Options that keep each shell from reading start-up files a non-interactive `-c` would still read. */
const NO_STARTUP: Readonly<Record<string, readonly string[]>> = {
  bash: ['--noprofile', '--norc'],
  zsh: ['-f'],
  fish: ['--no-config'],
};

/**
 * A shell wrapper (`[env …] sh -lc <script> …`) rewritten to run without start-up files:
 * `-lc` becomes `-c`, and bash, zsh and fish get their no-profile option. What the allowlist
 * judged — the script's programs resolved against the command's own PATH — is then what
 * runs: a login profile can reset PATH (Debian's `/etc/profile` does) or define functions
 * and aliases that shadow the programs that were checked. Any other argv is returned as is.
 *
 * @example
 * withoutStartupFiles(['/bin/sh', '-lc', 'mytool']); // ['/bin/sh', '-c', 'mytool']
 * withoutStartupFiles(['bash', '-c', 'ls']); // ['bash', '--noprofile', '--norc', '-c', 'ls']
 */
export function withoutStartupFiles(argv: readonly string[]): readonly string[] {
  const wrapper = findShellWrapper(argv);
  if (wrapper === undefined) return argv;
  const { shellIndex } = wrapper;
  const flag = argv[shellIndex + 1].toLowerCase() === '-lc' ? '-c' : argv[shellIndex + 1];
  const extra = NO_STARTUP[baseName(argv[shellIndex])] ?? [];
  return [...argv.slice(0, shellIndex + 1), ...extra, flag, ...argv.slice(shellIndex + 2)];
}
