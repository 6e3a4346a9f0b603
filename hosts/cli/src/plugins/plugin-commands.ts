import type { Command } from 'commander';
import { describeThrown } from '@openclaw-nodes/core/errors';
import type { PluginCliEntry } from '@openclaw-nodes/core/plugin';
import type { CliPluginsConfig } from './find-cli-entries.js';
import { pluginCliContext } from './cli-context.js';
import { printable } from '../format/table.js';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_DESCRIPTION = 200;
/** How long one plugin CLI entry may take to load, ms: it only declares commands, and the user is waiting. */
export const CLI_ENTRY_TIMEOUT_MS = 5_000;

/**
 * Whether `args` (after the script) may need a plugin's command group: `openclaw nodes` with
 * no subcommand, an option (`--help`), `help`, or a name no built-in `nodes` command has.
 * `--version`, `nodes status` and every other built-in load no plugin code.
 */
export function wantsPluginCommands(nodes: Command, args: readonly string[]): boolean {
  if (args[0] !== 'nodes') return false;
  const sub = args[1];
  return sub === undefined || sub.startsWith('-') || sub === 'help' || !nodes.commands.some((c) => c.name() === sub);
}

/**
 * Imports the plugin CLI entries (`./cli` exports) found for this CLI and its config's
 * `plugins.load`, and adds each one's group under `nodes`. An entry that fails to import, has
 * the wrong shape or takes a name already used is skipped (one that does not finish loading
 * within `CLI_ENTRY_TIMEOUT_MS` too) with a warning on stderr: one bad
 * plugin never breaks the CLI.
 */
export async function addPluginCommands(nodes: Command, warn: (message: string) => void): Promise<void> {
  const { cliPluginSettings, loadCliConfig } = await import('../load-cli-config.js');
  const { findCliEntries } = await import('./find-cli-entries.js');
  const { importBounded } = await import('@openclaw-nodes/core/plugin-package');
  let plugins: CliPluginsConfig = { load: [] };
  let baseDir = process.cwd();
  let stateDir = baseDir;
  try {
    const loaded = await loadCliConfig(warn);
    const settings = await cliPluginSettings(loaded, warn);
    plugins = { load: settings.plugins?.load ?? [], enabled: settings.plugins?.enabled };
    baseDir = settings.baseDir;
    stateDir = loaded.stateDir;
  } catch (err) {
    // The command itself reports a broken config; built-in plugins still offer their commands.
    warn(`plugin commands from plugins.load and plugins.enabled are unavailable: ${describeThrown(err)}`);
  }
  for (const file of findCliEntries(plugins, baseDir, stateDir)) {
    let entry: unknown;
    try {
      entry = (await importBounded(file, 'the plugin CLI entry', CLI_ENTRY_TIMEOUT_MS, { file })).default;
    } catch (err) {
      warn(describeThrown(err));
      continue;
    }
    const problem = shapeProblem(entry, nodes);
    if (problem !== undefined) {
      warn(`the plugin CLI entry ${file} is skipped: ${problem}`);
      continue;
    }
    const { name, description, register } = entry as PluginCliEntry;
    // Declared apart and added only once complete: a register that throws half-way leaves no group behind.
    const group = nodes.createCommand(name).copyInheritedSettings(nodes).description(printable(description));
    try {
      register(group, pluginCliContext);
      nodes.addCommand(group);
    } catch (err) {
      warn(`the plugin CLI entry ${file} failed to declare its commands: ${describeThrown(err)}`);
    }
  }
}

function shapeProblem(entry: unknown, nodes: Command): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'its default export is not an object { name, description, register }';
  const { name, description, register } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || !NAME.test(name)) return `name must be lowercase letters, digits and dashes (at most 32), got ${JSON.stringify(name)}`;
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION) return `description must be a string of at most ${MAX_DESCRIPTION} characters`;
  if (typeof register !== 'function') return 'register must be a function';
  if (nodes.commands.some((c) => c.name() === name)) return `"nodes ${name}" already exists`;
  return undefined;
}
