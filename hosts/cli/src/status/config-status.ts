import { loadConfig, readRawConfig, resolveStateDir, validateConfig, type LoadedConfig } from '@openclaw-nodes/config';
import { OpenClawError } from '@openclaw-nodes/core/errors';

export interface ConfigStatus {
  /** The file in use; undefined when only defaults apply. */
  path?: string;
  source: LoadedConfig['source'] | 'unknown';
  /** Every problem with it, as `<key path>: <problem>` (or the one error that stopped reading it). */
  problems: string[];
  /** The config the rest of the status uses: the file's, or the defaults when it is invalid. */
  loaded: Pick<LoadedConfig, 'config' | 'stateDir' | 'raw'>;
}

/** The config as every command reads it, without failing: an invalid file is reported and the defaults stand in. */
export async function configStatus(): Promise<ConfigStatus> {
  try {
    const loaded = await loadConfig();
    return { path: loaded.path, source: loaded.source, problems: [], loaded };
  } catch (err) {
    const error = OpenClawError.from(err);
    const issues = error.details?.issues;
    const problems = Array.isArray(issues) ? issues.map((i: { path?: unknown; message?: unknown }) => `${String(i.path)}: ${String(i.message)}`) : [error.message];
    const raw = await readRawConfig().catch(() => undefined);
    return {
      path: raw?.path ?? (typeof error.details?.path === 'string' ? error.details.path : undefined),
      source: raw?.source ?? 'unknown',
      problems,
      loaded: { config: validateConfig({}).config, stateDir: resolveStateDir(), raw: raw?.raw ?? {} },
    };
  }
}
