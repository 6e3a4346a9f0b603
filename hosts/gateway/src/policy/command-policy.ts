import { OpenClawError } from '@openclaw-nodes/core/errors';
import { OPENCLAW_DANGEROUS_COMMANDS, OPENCLAW_DEFAULT_COMMANDS, OPENCLAW_DEFAULT_PREFIXES } from './openclaw-defaults.js';

/** Where the policy looks up commands of the plugins the gateway runs (its `PluginHost`). */
export interface CommandTable {
  /** The declared spec of a running plugin's command, or undefined. */
  commandSpec(command: string): { readonly dangerous?: boolean } | undefined;
}

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
  /**
   * Commands of the plugins the gateway runs: a non-dangerous one is routable like a default,
   * a dangerous one needs `allow`. Read on every check, so plugins may start after this is built.
   */
  plugins?: CommandTable;
}

/**
 * The gateway-side allowlist: a node is only sent commands the operator's policy permits.
 * Known commands are the real OpenClaw's defaults plus those of running plugins; dangerous
 * ones are the union of both lists, so a plugin cannot declare `camera.snap` harmless.
 */
export class CommandPolicy {
  private readonly allow: Set<string>;
  private readonly deny: Set<string>;
  private readonly known = new Set(OPENCLAW_DEFAULT_COMMANDS);
  private readonly dangerous = new Set(OPENCLAW_DANGEROUS_COMMANDS);
  private readonly plugins: CommandTable | undefined;

  constructor(options: CommandPolicyOptions) {
    this.allow = new Set(options.allow);
    this.deny = new Set(options.deny);
    this.plugins = options.plugins;
  }

  /** Why the command may not be sent to a node on that platform, or undefined if it may. */
  refusal(command: string, platform: string | undefined, deviceFamily: string | undefined): OpenClawError | undefined {
    const refuse = (why: string) =>
      new OpenClawError('COMMAND_NOT_ALLOWED', `node command not allowed: "${command}" ${why}`, {
        details: { reason: 'command not allowlisted', command },
      });
    if (this.deny.has(command)) return refuse('is blocked by gateway.nodes.commands.deny');
    if (this.allow.has(command)) return undefined;
    if (this.isDangerous(command)) return refuse('requires explicit gateway.nodes.commands.allow opt-in');
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

  private isDangerous(command: string): boolean {
    return this.dangerous.has(command) || this.plugins?.commandSpec(command)?.dangerous === true;
  }

  private isKnown(command: string): boolean {
    return this.known.has(command) || OPENCLAW_DEFAULT_PREFIXES.some((p) => command.startsWith(p)) || this.plugins?.commandSpec(command) !== undefined;
  }
}
