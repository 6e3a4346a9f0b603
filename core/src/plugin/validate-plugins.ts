// Single-function entries: the semver index loads ~50 modules, which every gateway would pay at idle.
import satisfies from 'semver/functions/satisfies.js';
import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import { dependencyOrder } from './dependency-order.js';
import { formatIssues, formatKeyPath } from './format-issues.js';
import { mergeErrorCodes } from './merge-error-codes.js';
import { assertPluginShape } from './plugin-shape.js';

const NO_OPTIONS = Object.freeze({});

/** A plugin that passed every check, with its parsed options (schema defaults applied). */
export interface ValidatedPlugin {
  readonly plugin: PluginDefinition;
  readonly options: unknown;
}

/**
 * Checks a whole plugin set before anything is registered, and returns it in start order.
 * Throws the first coded failure: PLUGIN_INVALID, PLUGIN_DUPLICATE_NAME,
 * PLUGIN_COMMAND_CONFLICT, PLUGIN_ERROR_CODE_CONFLICT, PLUGIN_VERSION_INCOMPATIBLE, PLUGIN_DEPENDENCY_MISSING,
 * PLUGIN_OPTIONS_INVALID (which lists every bad option of every plugin).
 *
 * @example
 * const ordered = validatePluginSet([systemPlugin], { hostVersion: CORE_VERSION, pluginOptions: {} });
 */
export function validatePluginSet(
  input: readonly unknown[],
  { hostVersion, pluginOptions }: { hostVersion: string; pluginOptions: Readonly<Record<string, unknown>> },
): ValidatedPlugin[] {
  const plugins = input.map((value, i) => assertPluginShape(value, `plugins[${i}]`));

  const names = new Set<string>();
  for (const { name } of plugins) {
    if (names.has(name)) throw new OpenClawError('PLUGIN_DUPLICATE_NAME', `two plugins are named "${name}"; plugin names must be unique`, { details: { plugin: name } });
    names.add(name);
  }

  const owners = new Map<string, string>();
  for (const plugin of plugins) {
    for (const { name: command } of plugin.commands) {
      const owner = owners.get(command);
      if (owner !== undefined) {
        throw new OpenClawError('PLUGIN_COMMAND_CONFLICT', `command "${command}" is claimed by both plugin "${owner}" and plugin "${plugin.name}"; enable only one of them`, {
          details: { command, plugins: [owner, plugin.name] },
        });
      }
      owners.set(command, plugin.name);
    }
  }

  mergeErrorCodes(plugins);

  for (const plugin of plugins) {
    assertHostVersion(plugin, hostVersion);
    for (const dep of plugin.dependsOn ?? []) {
      if (!names.has(dep)) {
        throw new OpenClawError('PLUGIN_DEPENDENCY_MISSING', `plugin "${plugin.name}" depends on plugin "${dep}", which is not loaded (loaded: ${[...names].join(', ')}); enable or load "${dep}"`, {
          details: { plugin: plugin.name, dependency: dep },
        });
      }
    }
  }

  const options = new Map<string, unknown>();
  const problems: string[] = [];
  for (const plugin of plugins) {
    const parsed = parsePluginOptions(plugin, pluginOptions[plugin.name]);
    if (parsed.ok) options.set(plugin.name, parsed.options);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw optionsInvalid(problems);

  return dependencyOrder(plugins).map((plugin) => ({ plugin, options: options.get(plugin.name) }));
}

/** Throws PLUGIN_VERSION_INCOMPATIBLE when this host's version is outside the plugin's `host` range. */
export function assertHostVersion(plugin: PluginDefinition, hostVersion: string): void {
  if (plugin.host !== undefined && !satisfies(hostVersion, plugin.host, { includePrerelease: true })) {
    throw new OpenClawError('PLUGIN_VERSION_INCOMPATIBLE', `plugin "${plugin.name}" ${plugin.version} needs host ${plugin.host}, but this host is ${hostVersion}; install a matching plugin version`, {
      details: { plugin: plugin.name, range: plugin.host, hostVersion },
    });
  }
}

/** Parses one plugin's raw options (absent means all defaults); problems carry their key paths. */
export function parsePluginOptions(plugin: PluginDefinition, raw: unknown): { ok: true; options: unknown } | { ok: false; problems: string[] } {
  const path = ['plugins', 'options', plugin.name];
  if (plugin.options === undefined) {
    return raw === undefined ? { ok: true, options: NO_OPTIONS } : { ok: false, problems: [`${formatKeyPath(path)}: plugin "${plugin.name}" takes no options`] };
  }
  // Absent options mean "all defaults", as for an empty object in the config file.
  const parsed = plugin.options.safeParse(raw ?? {});
  return parsed.success ? { ok: true, options: parsed.data } : { ok: false, problems: formatIssues(parsed.error.issues, path) };
}

/** The PLUGIN_OPTIONS_INVALID error listing every problem. */
export function optionsInvalid(problems: readonly string[]): OpenClawError {
  return new OpenClawError('PLUGIN_OPTIONS_INVALID', `invalid plugin options: ${problems.join('; ')}`, { details: { issues: problems } });
}
