import { dirname } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { ensurePrivateDir, removeStaleTempFiles, writeFileAtomic } from '@openclaw-nodes/core/store';
import type { OpenClawConfig } from './config-schema.js';
import { expandEnvVars } from './expand-env-vars.js';
import { readJson5File } from './parse-json5.js';
import { resolveConfigFilePath, resolveUserPath, type StateDirOptions } from './state-dir.js';
import { validateConfig } from './validate-config.js';

export interface EditConfigFileOptions extends StateDirOptions {
  /** The file to edit; default `OPENCLAW_CONFIG_PATH`, else `<stateDir>/openclaw.json`. */
  file?: string;
}

export interface EditedConfig {
  /** The file written. */
  path: string;
  /** Whether the file did not exist before. */
  created: boolean;
  /** The validated result, defaults filled in. */
  config: OpenClawConfig;
  /** Keys only the real OpenClaw uses, kept in the file and ignored here. */
  foreignKeys: string[];
}

/**
 * Edits the config file as written (no defaults, no env overrides, `${VAR}` references kept
 * as text: a secret read from the environment is never written into the file) so the rest
 * of the file stays as the user left it. The mutated object is validated first: if it is invalid,
 * nothing is written and a `CONFIG_INVALID` error lists every issue. The file is rewritten
 * as pretty JSON (comments are not kept), atomically, mode 0600.
 *
 * @example
 * await editConfigFile({}, (raw) => setConfigValue(raw, 'tools.exec.host', 'node'));
 */
export async function editConfigFile(
  options: EditConfigFileOptions,
  mutate: (raw: Record<string, unknown>) => void | Promise<void>,
): Promise<EditedConfig> {
  const env = options.env ?? process.env;
  const target =
    options.file === undefined
      ? resolveConfigFilePath(options)
      : { path: resolveUserPath(options.file, options.cwd ?? process.cwd(), env), explicit: true };
  const { path } = target;
  const existing = await readJson5File(path);
  const raw = existing ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new OpenClawError('CONFIG_INVALID', `Config invalid at ${path}.\n- (root): expected an object\nNothing was written to ${path}.`, {
      details: { path, issues: [{ path: '(root)', message: 'expected an object' }] },
    });
  }
  const record = raw as Record<string, unknown>;
  await mutate(record);
  // Validated as it will be read, but an unset variable does not block an unrelated edit.
  const expanded = expandEnvVars(record, env, { keepMissing: true });
  const { config, foreignKeys } = validateConfig(expanded, { file: path, footer: `Nothing was written to ${path}.` });
  // The state dir holds keys and tokens: a missing one is created 0700; an existing one keeps
  // the mode its user gave it (`openclaw status` warns when others can read it).
  if (!target.explicit) await ensurePrivateDir(dirname(path), { keepExisting: true });
  // An edit killed mid-write left its temp file beside the config; the config may live outside the state dir.
  await removeStaleTempFiles(path);
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  return { path, created: existing === undefined, config, foreignKeys };
}
