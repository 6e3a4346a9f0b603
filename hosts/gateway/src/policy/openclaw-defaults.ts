/**
 * @module
 * The real OpenClaw gateway's command defaults (PROTOCOL.md section 10.6, COMMANDS.md), kept
 * as data so that nodes of the real OpenClaw route here as they do there. Commands of plugins
 * this gateway runs come from their command tables instead (see `CommandPolicy`).
 */

/** Commands that capture people or spend money: never sent without an explicit allow. */
export const OPENCLAW_DANGEROUS_COMMANDS: readonly string[] = [
  'camera.snap',
  'camera.clip',
  'camera.ptz.control',
  'screen.record',
  'contacts.add',
  'calendar.add',
  'reminders.add',
  'sms.send',
  'sms.search',
  'health.summary',
];

/**
 * Commands the real gateway routes to a node on a known platform. Anything else a node
 * declares (`file.*`, `dir.*`, `workspace.*`, ...) is filtered out unless
 * `gateway.nodes.commands.allow` names it or a plugin this gateway runs declares it.
 */
export const OPENCLAW_DEFAULT_COMMANDS: readonly string[] = [
  // Desktop-host commands.
  'system.run',
  'system.run.prepare',
  'system.which',
  'system.execApprovals.get',
  'system.execApprovals.set',
  'fs.listDir',
  'terminal.upload',
  'browser.proxy',
  'browser.proxy.upload.v1',
  'mcp.tools.call.v1',
  'agent.cli.claude.run.v1',
  'screen.snapshot',
  'desktop.stream',
  // Companion-app and mobile defaults.
  'system.notify',
  'ollama.chat',
  'ollama.models',
  'camera.list',
  'location.get',
  'notifications.list',
];

/** Command families the real gateway routes whole (its apps' canvas). */
export const OPENCLAW_DEFAULT_PREFIXES: readonly string[] = ['canvas.'];
