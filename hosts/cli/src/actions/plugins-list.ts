import { inspectNodePlugins } from '@openclaw-nodes/node-host';
import { cliPluginSettings, loadCliConfig } from '../load-cli-config.js';
import { pluginStatusText } from '../format/plugin-status.js';
import { printJson, table } from '../format/table.js';

/**
 * `openclaw plugins list [--json] [--desktop]`: reads this machine's `openclaw.json` as `node run` does and
 * reports each plugin: `{ name, version, source, enabled, status, code?, message? }`.
 */
export async function pluginsList(flags: { json?: boolean; desktop?: boolean }): Promise<void> {
  const loaded = await loadCliConfig();
  const { config, stateDir } = loaded;
  // The desktop host's built-ins are loaded only when asked for, as `node run --desktop` does.
  const flavour = flags.desktop
    ? await import('@openclaw-nodes/desktop-host').then((d) => ({ builtins: d.DESKTOP_BUILTINS, defaults: d.DESKTOP_DEFAULTS, hostKind: 'desktop' as const }))
    : {};
  const warn = (message: string) => void process.stderr.write(`Warning: ${message}\n`);
  const { plugins, baseDir } = await cliPluginSettings(loaded, warn);
  const entries = await inspectNodePlugins({ ...flavour, stateDir, plugins, config, pluginBaseDir: baseDir, warn });
  if (flags.json) return printJson(entries);
  const rows = entries.map((e) => [e.name, e.version || '-', e.source, e.enabled ? 'yes' : 'no', pluginStatusText(e)]);
  process.stdout.write(`${table(['Plugin', 'Version', 'Source', 'Enabled', 'Status'], rows)}\n`);
}
