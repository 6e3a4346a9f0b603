import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { OpenClawConfig } from './config-schema.js';
import { applyEnvOverrides } from './apply-env-overrides.js';
import { envReferences, expandEnvVars } from './expand-env-vars.js';
import { findProjectConfig } from './find-project-config.js';
import { readJson5File } from './parse-json5.js';
import { resolveConfigFilePath, type ConfigFileOptions } from './state-dir.js';
import { isIgnoredOpenClawKey } from './unknown-keys.js';
import { validateConfig } from './validate-config.js';

/** Where the config came from, in discovery order. */
export type ConfigSource = 'env-path' | 'state-dir' | 'project' | 'defaults';

export type LoadConfigOptions = ConfigFileOptions;

/** A discovered config file before validation. */
export interface RawConfig {
  /** The file used; `undefined` when only defaults apply. */
  path: string | undefined;
  source: ConfigSource;
  stateDir: string;
  /** The parsed file content (`{}` for defaults). */
  raw: unknown;
}

export interface LoadedConfig {
  config: OpenClawConfig;
  path: string | undefined;
  stateDir: string;
  source: ConfigSource;
  /** Keys only the real OpenClaw uses (`nodeHost`), accepted and ignored; warn once about them. */
  foreignKeys: string[];
  /** The file's content as validated: `${VAR}` filled in, env overrides applied, no defaults. */
  raw: unknown;
  /** Environment variables the file refers to with `${VAR}`: the host's own, never a command's. */
  envReferences: string[];
}

/**
 * Finds and parses the config file without validating it. Order: `configPath` /
 * `OPENCLAW_CONFIG_PATH` (must exist) → `<stateDir>/openclaw.json` → a project rc file
 * found from `cwd` upwards → defaults.
 *
 * @example
 * const { path, source } = await readRawConfig({ env: process.env });
 */
export async function readRawConfig(options: LoadConfigOptions = {}): Promise<RawConfig> {
  const target = resolveConfigFilePath(options);
  const { stateDir } = target;
  const raw = await readJson5File(target.path);
  if (target.explicit) {
    if (raw === undefined) {
      const origin = options.configPath === undefined ? ' (set by OPENCLAW_CONFIG_PATH)' : '';
      throw new OpenClawError('CONFIG_PATH_NOT_FOUND', `Config file not found: ${target.path}${origin}.`, {
        details: { path: target.path },
      });
    }
    return { path: target.path, source: 'env-path', stateDir, raw };
  }
  if (raw !== undefined) return { path: target.path, source: 'state-dir', stateDir, raw };
  const project = await findProjectConfig(options.cwd ?? process.cwd());
  if (project !== undefined) return { path: project.path, source: 'project', stateDir, raw: project.raw };
  return { path: undefined, source: 'defaults', stateDir, raw: {} };
}

/**
 * Loads the effective config: discovery (see `readRawConfig`), then `${VAR}` references
 * replaced from the environment (`CONFIG_ENV_MISSING` for an unset one), then the
 * `OPENCLAW_GATEWAY_TOKEN` / `OPENCLAW_GATEWAY_PORT` overrides, then validation with every
 * default filled in. Invalid → one `CONFIG_INVALID` listing every issue. Every reader of
 * the config (gateway, node hosts, CLI) goes through here.
 *
 * @example
 * const { config, path } = await loadConfig();
 * config.gateway.port; // 18789 unless configured
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const found = await readRawConfig(options);
  // A variable set only where the real OpenClaw runs may be missing here: settings this
  // product ignores keep such a reference as written instead of failing.
  const expanded = expandEnvVars(found.raw, env, { file: found.path, keepMissingAt: isIgnoredOpenClawKey });
  const { raw, sources } = applyEnvOverrides(expanded, env);
  const { config, foreignKeys } = validateConfig(raw, { file: found.path, envSources: sources });
  return { config, path: found.path, stateDir: found.stateDir, source: found.source, foreignKeys, raw, envReferences: envReferences(found.raw) };
}
