/**
 * Variables that make an ordinary program load code chosen by whoever sets them (EXEC.md 8,
 * plus the later hardening of the real node host). They are dropped from the node's own
 * environment and from every request override.
 */
const BLOCKED_KEYS: ReadonlySet<string> = new Set([
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_REPL_EXTERNAL_MODULE', 'PYTHONHOME', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONBREAKPOINT',
  'PERL5LIB', 'PERL5OPT', 'PERLLIB', 'RUBYLIB', 'RUBYOPT', 'BASH_ENV', 'ENV', 'KSH_ENV', 'BASHOPTS', 'SHELLOPTS', 'PS4',
  'SHELL', 'GCONV_PATH', 'IFS', 'SSLKEYLOGFILE', 'GLIBC_TUNABLES', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS',
  'DOTNET_STARTUP_HOOKS', 'LUA_INIT', 'GIT_EXEC_PATH', 'GIT_EXTERNAL_DIFF', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EDITOR',
]);
const BLOCKED_PREFIXES: readonly string[] = ['DYLD_', 'LD_', 'BASH_FUNC_'];
/**
 * May come from the node's own environment, never from a caller: they move where a program
 * finds its start-up files, or name a program that tools run on their own (pager, editor,
 * password prompt, git config), so a caller could run code or point a tool at a file of the
 * host's without any of it showing in the command.
 */
const OVERRIDE_ONLY_KEYS: ReadonlySet<string> = new Set([
  'HOME', 'ZDOTDIR', 'XDG_CONFIG_HOME', 'CURL_HOME', 'WGETRC', 'HOSTALIASES', 'LOCPATH', 'NLSPATH', 'PROMPT_COMMAND',
  'PAGER', 'MANPAGER', 'GIT_PAGER', 'LESSOPEN', 'LESSCLOSE', 'EDITOR', 'VISUAL', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_PROXY_COMMAND',
  'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'PYTHONWARNINGS', 'PYTHONINSPECT',
]);
const OVERRIDE_ONLY_PREFIXES: readonly string[] = ['GIT_CONFIG_KEY_', 'GIT_CONFIG_VALUE_'];
/**
 * The host's own settings and credentials (`OPENCLAW_GATEWAY_TOKEN`, `OPENCLAW_GATEWAY_PASSWORD`,
 * the state dir that holds the device token, …): a command never inherits them, whatever the
 * approval mode. A caller setting one only hands the command its own value.
 */
const HOST_ONLY_PREFIXES: readonly string[] = ['OPENCLAW_'];
/** More of the host's own variables, named at start-up (those its `openclaw.json` refers to with `${VAR}`). */
const hostOnlyKeys = new Set<string>();
const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a variable may never reach a command, whoever sets it. */
export function isBlockedEnvKey(key: string): boolean {
  const upper = key.toUpperCase();
  return !PORTABLE_KEY.test(key) || BLOCKED_KEYS.has(upper) || BLOCKED_PREFIXES.some((p) => upper.startsWith(p));
}

/**
 * Why a caller may not set this variable, or undefined if it may. `PATH` in any case is
 * refused so that nobody but the node operator decides where commands are looked up.
 */
export function forbiddenOverride(key: string): 'path' | 'blocked' | undefined {
  if (key.toUpperCase() === 'PATH') return 'path';
  const upper = key.toUpperCase();
  if (isBlockedEnvKey(key) || OVERRIDE_ONLY_KEYS.has(upper) || OVERRIDE_ONLY_PREFIXES.some((p) => upper.startsWith(p))) return 'blocked';
  return undefined;
}

/** Whether a variable is the host's own (its credentials among them) and never reaches a command from the host. */
export const isHostOnlyEnvKey = (key: string): boolean => hostOnlyKeys.has(key) || HOST_ONLY_PREFIXES.some((p) => key.toUpperCase().startsWith(p));

/**
 * Marks more variables of this process as the host's own, for the rest of its life: no
 * command it runs inherits them. A host calls it with the variables its config refers to
 * (`gateway.auth.token: "${GW_TOKEN}"` makes `GW_TOKEN` as secret as the token itself).
 */
export function addHostOnlyEnvKeys(keys: Iterable<string>): void {
  for (const key of keys) hostOnlyKeys.add(key);
}

/**
 * The environment a command runs with on a node: the host's own environment without
 * blocked keys and without `OPENCLAW_*` (its token and settings), plus the caller's
 * overrides minus `PATH`, blocked keys and the override-only keys (`HOME`, `ZDOTDIR`,
 * pagers, editors, …), which are dropped silently as the seed node host does. The result is
 * also what executables are resolved against, so a caller cannot redirect a lookup.
 *
 * @example
 * sanitizeEnv({ PATH: '/usr/bin', LD_PRELOAD: 'x' }, { FOO: '1', PATH: '/tmp' });
 * // { PATH: '/usr/bin', FOO: '1' }
 */
export function sanitizeEnv(base: Readonly<Record<string, string | undefined>>, overrides?: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !isBlockedEnvKey(key) && !isHostOnlyEnvKey(key)) env[key] = value;
  }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (forbiddenOverride(key) === undefined) env[key] = value;
  }
  return env;
}
