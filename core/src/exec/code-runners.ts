import { baseName, POSIX_SHELLS } from './command-wrappers.js';

/** What kind of program runs other code it is handed, rather than doing one thing itself. */
export type CodeRunnerKind = 'shell' | 'interpreter' | 'wrapper';

/** Shells beyond the POSIX ones whose `-c` script is analysed: they still run any text. */
const OTHER_SHELLS: ReadonlySet<string> = new Set(['csh', 'tcsh', 'mksh', 'yash', 'posh', 'busybox', 'cmd', 'cmd.exe', 'pwsh', 'pwsh.exe', 'powershell', 'powershell.exe']);

/**
 * Programs that run the command named in their arguments (EXEC.md 12 lists `env`, `flock`,
 * `nice`, `nohup`, `stdbuf`, `timeout`; the rest do the same for privileges, namespaces,
 * scheduling or tracing). An entry for one would cover every command put behind it.
 */
const WRAPPERS: ReadonlySet<string> = new Set(
  'env flock nice nohup stdbuf timeout xargs setsid ionice taskset chrt chroot sudo doas su runuser pkexec nsenter unshare watch script strace ltrace gdb valgrind systemd-run firejail bwrap proot fakeroot torsocks proxychains proxychains4 parallel time caffeinate'.split(' '),
);

/** Interpreters: `python3 -c …`, `perl -e …` run any code, with or without a script file. */
const INTERPRETER = /^(python|pypy|perl|ruby|php|lua|luajit|node|nodejs|deno|bun|tclsh|wish|expect|osascript|rscript|julia|awk|gawk|mawk|nawk|guile|racket|sbcl|ocaml|java|jshell|groovy)[\d.]*$/;

/**
 * Whether a program runs other code (EXEC.md 7.6): a shell, an interpreter or a dispatch
 * wrapper. Judged on every name given (the typed word and the real file, so a symlink named
 * `uname` that leads to `dash` is still a shell).
 *
 * @example
 * codeRunnerKind('/bin/sh', '/usr/bin/dash'); // 'shell'
 * codeRunnerKind('/usr/bin/python3.11'); // 'interpreter'
 * codeRunnerKind('/usr/bin/uname'); // undefined
 */
export function codeRunnerKind(...names: readonly (string | undefined)[]): CodeRunnerKind | undefined {
  for (const name of names) {
    if (name === undefined) continue;
    const base = baseName(name);
    if (POSIX_SHELLS.has(base) || OTHER_SHELLS.has(base)) return 'shell';
    if (WRAPPERS.has(base)) return 'wrapper';
    if (INTERPRETER.test(base.replace(/\.exe$/, ''))) return 'interpreter';
  }
  return undefined;
}
