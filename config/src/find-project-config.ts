import { OpenClawError } from '@openclaw-nodes/core/errors';
import { parseJson5 } from './parse-json5.js';

/** Project rc files, checked in this order in each directory. No JS/TS: config is data. */
export const PROJECT_CONFIG_FILES = ['package.json', '.openclawrc', '.openclawrc.json', '.openclawrc.json5', 'openclaw.config.json'] as const;

export interface ProjectConfig {
  path: string;
  raw: unknown;
}

/**
 * Searches `cwd` and its parents, up to the nearest directory holding a package.json, for
 * a project rc file (`package.json` counts only with an `openclaw` key). cosmiconfig is
 * imported here, on first use, so commands with a state-dir config never pay for it.
 *
 * @example
 * const found = await findProjectConfig(process.cwd());
 * found?.path; // '/repo/.openclawrc.json5'
 */
export async function findProjectConfig(cwd: string): Promise<ProjectConfig | undefined> {
  const { cosmiconfig } = await import('cosmiconfig');
  const json5 = (file: string, text: string): unknown => parseJson5(text, file);
  // A package.json "cosmiconfig" key can add search places; code must still never load.
  const refuse = (file: string): never => {
    throw new OpenClawError('CONFIG_PARSE_ERROR', `Config file ${file} is not supported: use JSON or JSON5.`, { details: { path: file } });
  };
  const explorer = cosmiconfig('openclaw', {
    searchPlaces: [...PROJECT_CONFIG_FILES],
    // 'project' stops at the package root; 'global' would also read ~/.config/openclaw/config.{js,ts}.
    searchStrategy: 'project',
    loaders: { '.json': json5, '.json5': json5, noExt: json5, '.js': refuse, '.cjs': refuse, '.mjs': refuse, '.ts': refuse, '.yaml': refuse, '.yml': refuse },
    cache: false,
  });
  const result = await explorer.search(cwd);
  return result === null ? undefined : { path: result.filepath, raw: result.config };
}
