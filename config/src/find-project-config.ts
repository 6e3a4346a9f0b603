import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readBoundedFile } from '@openclaw-nodes/core/store';
import { MAX_CONFIG_BYTES, parseJson5 } from './parse-json5.js';

/** Project rc files, checked in this order in each directory. No JS/TS: config is data. */
export const PROJECT_CONFIG_FILES = ['package.json', '.openclawrc', '.openclawrc.json', '.openclawrc.json5', 'openclaw.config.json'] as const;

export interface ProjectConfig {
  path: string;
  raw: unknown;
}

interface SearchResult {
  filepath: string;
  config: unknown;
}

/** cosmiconfig's explorer, as its 9.0.2 build defines it (the class ships without types). */
type ExplorerClass = new (options: Record<string, unknown>) => { search(from: string): Promise<SearchResult | null> };

/**
 * Searches `cwd` and its parents, up to the nearest directory holding a package.json, for
 * a project rc file (`package.json` counts only with an `openclaw` key), with cosmiconfig's
 * search. The project may be someone else's (a cloned repository), so: each candidate must be
 * a regular file of at most `MAX_CONFIG_BYTES` before anything reads it; cosmiconfig's meta
 * config is never read (the `cosmiconfig()` factory would execute a `.config/config.js` in the
 * working directory); `$import` is refused. cosmiconfig is imported here, on first use, so
 * commands with a state-dir config never pay for it.
 *
 * @throws OpenClawError CONFIG_PARSE_ERROR naming the file that cannot be used.
 * @example
 * const found = await findProjectConfig(process.cwd());
 * found?.path; // '/repo/.openclawrc.json5'
 */
export async function findProjectConfig(cwd: string): Promise<ProjectConfig | undefined> {
  assertCandidatesBounded(cwd);
  // The explorer class itself: the factory first loads the meta config with cosmiconfig's default
  // (code-running) loaders, and has no option to skip that. Pinned version; a test guards it.
  // Read off the CommonJS exports object (`default`): the CLI's bundle offers no named exports
  // of a CommonJS module imported on demand, Node offers both.
  const { Explorer } = ((await import('cosmiconfig/dist/Explorer.js')) as unknown as { default: { Explorer: ExplorerClass } }).default;
  const json5 = (file: string, text: string): unknown => refuseImport(parseJson5(text, file), file);
  const refuse = (file: string): never => {
    throw new OpenClawError('CONFIG_PARSE_ERROR', `Config file ${file} is not supported: use JSON or JSON5.`, { details: { path: file } });
  };
  const explorer = new Explorer({
    moduleName: 'openclaw',
    searchPlaces: [...PROJECT_CONFIG_FILES],
    // 'project' stops at the package root; 'global' would also read ~/.config/openclaw/config.{js,ts}.
    searchStrategy: 'project',
    loaders: { '.json': json5, '.json5': json5, noExt: json5, '.js': refuse, '.cjs': refuse, '.mjs': refuse, '.ts': refuse, '.yaml': refuse, '.yml': refuse },
    ignoreEmptySearchPlaces: true,
    cache: false,
    transform: (result: unknown) => result,
    metaConfigFilePath: null,
    mergeImportArrays: true,
    mergeSearchPlaces: true,
  });
  const result = await explorer.search(cwd);
  return result === null ? undefined : { path: result.filepath, raw: result.config };
}

/** The directories cosmiconfig's 'project' search visits: `cwd` up to one with a package file. */
function assertCandidatesBounded(cwd: string): void {
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of PROJECT_CONFIG_FILES) {
      const read = readBoundedFile(join(dir, name), MAX_CONFIG_BYTES);
      if ('problem' in read) throw new OpenClawError('CONFIG_PARSE_ERROR', `Cannot read config file: ${read.problem}.`, { details: { path: join(dir, name) } });
    }
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'package.yaml')) || dirname(dir) === dir) return;
  }
}

/** cosmiconfig would read and merge the files a `$import` names: a project file must not reach others. */
function refuseImport(parsed: unknown, file: string): unknown {
  const own = (value: unknown, key: string) => typeof value === 'object' && value !== null && Object.hasOwn(value, key);
  const inPackage = file.endsWith('package.json') && own(parsed, 'openclaw') ? (parsed as { openclaw: unknown }).openclaw : undefined;
  if (own(parsed, '$import') || own(inPackage, '$import')) {
    throw new OpenClawError('CONFIG_PARSE_ERROR', `Config file ${file} uses $import, which is not supported: put the settings in the file itself.`, { details: { path: file } });
  }
  return parsed;
}
