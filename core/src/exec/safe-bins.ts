/**
 * Stdin-only filters allowed without an allowlist entry when `tools.exec.safeBins` is unset
 * (EXEC.md 7.5, as OpenClaw 2026.9.6). `jq` is not among them: its filter language reads the
 * environment (`env`, `$ENV`) and files (`import`, `include`, `~/.jq`), so a "filter" could
 * print the host's secrets. A machine that lists it gets the jq profile below.
 */
export const DEFAULT_SAFE_BINS: readonly string[] = ['cut', 'uniq', 'head', 'tail', 'tr', 'wc'];

interface Profile {
  /** Most positional arguments (anything else would be a file to read). */
  readonly maxPositional: number;
  /** Options that take the next word as their value. */
  readonly valueFlags: ReadonlySet<string>;
  /** Options that read files or run programs. */
  readonly denied: ReadonlySet<string>;
}

const profile = (maxPositional: number, valueFlags: string[] = [], denied: string[] = []): Profile => ({
  maxPositional,
  valueFlags: new Set(valueFlags),
  denied: new Set(denied),
});

const PROFILES: Readonly<Record<string, Profile>> = {
  head: profile(0, ['-n', '-c', '--lines', '--bytes']),
  tail: profile(0, ['-n', '-c', '--lines', '--bytes']),
  cut: profile(0, ['-d', '-f', '-c', '-b', '--delimiter', '--fields', '--characters', '--bytes', '--output-delimiter']),
  uniq: profile(0, ['-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars']),
  tr: profile(2),
  wc: profile(0, [], ['--files0-from']),
  jq: profile(1, ['--arg', '--argjson', '--indent'], ['--argfile', '--from-file', '--library-path', '--rawfile', '--slurpfile', '-L', '-f']),
  grep: profile(0, ['-e', '--regexp', '-m', '--max-count', '-A', '-B', '-C'], ['--dereference-recursive', '--directories', '--exclude-from', '--file', '--recursive', '-R', '-d', '-f', '-r']),
  // --random-source reads a file; -T writes temporary files wherever it is told.
  sort: profile(0, ['-k', '-t', '--key', '--field-separator'], ['--compress-program', '--files0-from', '--output', '-o', '--random-source', '--temporary-directory', '-T']),
};
/** jq builtins that read the environment, files or the program's own location. */
const JQ_OUTSIDE_INPUT = /\$ENV\b|\$__loc__|\$__prog|\b(env|input_filename|import|include|get_search_list|get_prog_origin|get_jq_origin)\b/;
/** A bin the user added: the path and glob rules only. */
const GENERIC = profile(Number.POSITIVE_INFINITY);

/** An argument as the evaluator sees it; `dynamic` when the shell would still expand it. */
export interface SafeBinArg {
  readonly text: string;
  readonly dynamic?: boolean;
}

const PATH_LIKE = /^(\/|\.\/|\.\.\/|~|[A-Za-z]:\\)|^\.\.?$/;
const GLOB = /[*?[\]]/;

/**
 * Whether the arguments of a safe bin keep it a pure stdin → stdout filter (EXEC.md 7.5):
 * no path-like or glob words, no words the shell would expand, no denied option, and no
 * more positionals than the bin's profile allows. Judged from the argv shape only, never
 * from the filesystem.
 *
 * @example
 * safeBinArgsOk('wc', [{ text: '-l' }]); // true
 * safeBinArgsOk('head', [{ text: '/etc/shadow' }]); // false
 */
export function safeBinArgsOk(name: string, args: readonly SafeBinArg[]): boolean {
  const rules = PROFILES[name] ?? GENERIC;
  let positional = 0;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const { text, dynamic } = args[i];
    if (dynamic || PATH_LIKE.test(text) || GLOB.test(text)) return false;
    if (options && text === '--') {
      options = false;
      continue;
    }
    if (options && text.startsWith('-') && text !== '-') {
      const option = readOption(text, rules);
      if (option === undefined || PATH_LIKE.test(option.inline)) return false;
      if (option.takesNext) {
        i += text === '--arg' || text === '--argjson' ? 2 : 1;
        const last = args[i];
        if (last === undefined || last.dynamic || PATH_LIKE.test(last.text) || GLOB.test(last.text)) return false;
      }
      continue;
    }
    // jq's one positional is its program, which must not reach outside its input.
    if (name === 'jq' && JQ_OUTSIDE_INPUT.test(text)) return false;
    positional++;
  }
  return positional <= rules.maxPositional;
}

/**
 * One option word: `--name[=value]` (or any prefix of a denied name), or a cluster of short
 * options (`-nr`, `-n5`) where each letter counts, so `-nf prog` is `-n -f prog`. Undefined
 * when a denied option is in it.
 */
function readOption(text: string, rules: Profile): { inline: string; takesNext: boolean } | undefined {
  if (text.startsWith('--')) {
    const [flag, ...rest] = text.split('=');
    // GNU tools take any unambiguous prefix of a long option: `wc --files0=-` is --files0-from
    // (an exact name, like jq's `--arg` next to `--argfile`, is that option).
    const abbreviates = !rules.valueFlags.has(flag) && [...rules.denied].some((denied) => denied.startsWith('--') && denied.startsWith(flag));
    if (rules.denied.has(flag) || abbreviates) return undefined;
    return { inline: rest.join('='), takesNext: rest.length === 0 && rules.valueFlags.has(flag) };
  }
  for (let j = 1; j < text.length; j++) {
    const flag = `-${text[j]}`;
    if (rules.denied.has(flag)) return undefined;
    if (rules.valueFlags.has(flag)) return { inline: text.slice(j + 1), takesNext: j === text.length - 1 };
  }
  return { inline: '', takesNext: false };
}
