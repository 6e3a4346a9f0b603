import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import { assertPluginShape } from './plugin-shape.js';
import type { PluginInfo, PluginLog } from './plugin-slot.js';
import { assertHostVersion, optionsInvalid, parsePluginOptions } from './validate-plugins.js';

export interface IsolateArgs {
  readonly hostVersion: string;
  readonly pluginOptions: Readonly<Record<string, unknown>>;
  /** Whether a plugin of this name may be dropped instead of stopping the host. */
  readonly optional: (name: string) => boolean;
  readonly log?: PluginLog;
}

/** A plugin dropped before it was registered, reported like any other. */
export function droppedInfo(name: string, version: string, err: unknown): PluginInfo {
  const error = OpenClawError.from(err, 'PLUGIN_INVALID');
  return { name, version, status: 'dropped', code: error.code, reason: error.message };
}

/**
 * Checks each optional plugin on its own (shape, host range, options, then dependencies on
 * plugins that are still in the set) and takes out the ones that fail, so one broken optional
 * plugin cannot stop the rest. Non-optional plugins pass through untouched: the set check
 * reports their problems as before. Returns the survivors in input order and what was dropped.
 */
export function isolateOptional(values: readonly unknown[], { hostVersion, pluginOptions, optional, log }: IsolateArgs): { kept: unknown[]; dropped: PluginInfo[] } {
  const dropped: PluginInfo[] = [];
  const drop = (name: string, version: string, err: unknown): void => {
    const info = droppedInfo(name, version, err);
    dropped.push(info);
    log?.('warn', `optional plugin "${name}" dropped: ${info.reason}`, { plugin: name, code: info.code });
  };
  let kept: unknown[] = values.filter((value, i) => {
    const name = nameOf(value) ?? `plugins[${i}]`;
    if (!optional(name)) return true;
    try {
      const plugin = assertPluginShape(value, `plugins[${i}]`);
      assertHostVersion(plugin, hostVersion);
      const parsed = parsePluginOptions(plugin, pluginOptions[plugin.name]);
      if (!parsed.ok) throw optionsInvalid(parsed.problems);
      return true;
    } catch (err) {
      drop(name, versionOf(value), err);
      return false;
    }
  });
  // Dropping a plugin can leave an optional dependant without its dependency: drop it too, until stable.
  for (let changed = true; changed; ) {
    changed = false;
    const names = new Set(kept.map(nameOf));
    kept = kept.filter((value) => {
      const name = nameOf(value);
      const missing = ((value as Partial<PluginDefinition>).dependsOn ?? []).filter((dep) => !names.has(dep));
      if (name === undefined || missing.length === 0 || !optional(name)) return true;
      const err = new OpenClawError('PLUGIN_DEPENDENCY_MISSING', `plugin "${name}" depends on ${missing.map((d) => `"${d}"`).join(', ')}, which was not loaded`, {
        details: { plugin: name, dependencies: missing },
      });
      drop(name, versionOf(value), err);
      changed = true;
      return false;
    });
  }
  return { kept, dropped };
}

function nameOf(value: unknown): string | undefined {
  const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.length > 0 && name.length <= 100 ? name : undefined;
}

function versionOf(value: unknown): string {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  return typeof version === 'string' && version.length <= 64 ? version : '';
}
