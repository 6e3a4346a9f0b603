import { OpenClawError } from '@openclaw-nodes/core/errors';

/** Commands that capture people or spend money: never sent without an explicit allow. */
export const DANGEROUS_COMMANDS: readonly string[] = [
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
 * Commands a gateway knows how to route to a desktop-class node (PROTOCOL.md section 10.6).
 * Anything else a node declares (`file.*`, `dir.*`, `workspace.*`, ...) is filtered out unless
 * `gateway.nodes.commands.allow` names it.
 */
const KNOWN_COMMANDS: readonly string[] = [
  'system.run',
  'system.run.prepare',
  'system.which',
  'system.notify',
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
  'ollama.chat',
  'ollama.models',
  'camera.list',
  'location.get',
  'notifications.list',
];
const KNOWN_PREFIXES = ['canvas.'];

const FAMILIES: Record<string, string[]> = {
  linux: ['linux'],
  macos: ['mac', 'macos'],
  darwin: ['mac', 'macos'],
  windows: ['windows'],
  win32: ['windows'],
  ios: ['iphone', 'ipad', 'ios'],
  android: ['android'],
  watchos: ['watch', 'watchos'],
};

/** `linux` + `Linux` → `linux`; a family that does not belong to the platform → `unknown`. */
export function platformIdOf(platform: string | undefined, deviceFamily: string | undefined): string {
  const id = (platform ?? '').trim().toLowerCase();
  const families = FAMILIES[id];
  if (!families) return 'unknown';
  // Protocol v3 nodes omit deviceFamily; their platform alone decides.
  if (deviceFamily === undefined || deviceFamily.trim() === '') return id;
  return families.includes(deviceFamily.trim().toLowerCase()) ? id : 'unknown';
}

export interface CommandPolicyOptions {
  allow: readonly string[];
  deny: readonly string[];
  /** Commands of loaded plugins (their gateway side knows them), with their dangerous flag. */
  pluginCommands?: ReadonlyArray<{ name: string; dangerous?: boolean }>;
}

/** The gateway-side allowlist: a node is only sent commands the operator's policy permits. */
export class CommandPolicy {
  private readonly allow: Set<string>;
  private readonly deny: Set<string>;
  private readonly known: Set<string>;
  private readonly dangerous: Set<string>;

  constructor(options: CommandPolicyOptions) {
    this.allow = new Set(options.allow);
    this.deny = new Set(options.deny);
    this.known = new Set(KNOWN_COMMANDS);
    this.dangerous = new Set(DANGEROUS_COMMANDS);
    for (const c of options.pluginCommands ?? []) {
      this.known.add(c.name);
      if (c.dangerous) this.dangerous.add(c.name);
    }
  }

  /** Why the command may not be sent to a node on that platform, or undefined if it may. */
  refusal(command: string, platform: string | undefined, deviceFamily: string | undefined): OpenClawError | undefined {
    const refuse = (why: string) =>
      new OpenClawError('COMMAND_NOT_ALLOWED', `node command not allowed: "${command}" ${why}`, {
        details: { reason: 'command not allowlisted', command },
      });
    if (this.deny.has(command)) return refuse('is blocked by gateway.nodes.commands.deny');
    if (this.allow.has(command)) return undefined;
    if (this.dangerous.has(command)) return refuse('requires explicit gateway.nodes.commands.allow opt-in');
    const platformId = platformIdOf(platform, deviceFamily);
    if (platformId === 'unknown' || !this.isKnown(command)) {
      return refuse(`is not in the allowlist for platform "${platform ?? 'unknown'}"`);
    }
    return undefined;
  }

  /** declared ∩ approved ∩ allowed, sorted: what `node.list` shows and what may be invoked. */
  effective(declared: readonly string[], approved: readonly string[], platform?: string, deviceFamily?: string): string[] {
    const ok = new Set(approved);
    return declared.filter((c) => ok.has(c) && !this.refusal(c, platform, deviceFamily)).sort();
  }

  private isKnown(command: string): boolean {
    return this.known.has(command) || KNOWN_PREFIXES.some((p) => command.startsWith(p));
  }
}
