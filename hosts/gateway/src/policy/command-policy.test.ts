import { describe, expect, it } from 'vitest';
import { CommandPolicy, type CommandTable } from './command-policy.js';

/** The command table of a gateway running one plugin with `lamp.on` and dangerous `lamp.strobe`. */
const lampTable: CommandTable = {
  commandSpec: (command) => ({ 'lamp.on': {}, 'lamp.strobe': { dangerous: true }, 'camera.snap': { dangerous: false } })[command],
};

const policy = (allow: string[] = [], deny: string[] = []) => new CommandPolicy({ allow, deny, plugins: lampTable });
const refusal = (p: CommandPolicy, command: string) => p.refusal(command, 'linux', 'Linux')?.message;

describe('CommandPolicy with the command tables of running plugins', () => {
  it("routes a running plugin's non-dangerous command without an allow entry", () => {
    expect(refusal(policy(), 'lamp.on')).toBeUndefined();
    expect(policy().effective(['lamp.on', 'lamp.strobe'], ['lamp.on', 'lamp.strobe'], 'linux', 'Linux')).toEqual(['lamp.on']);
  });

  it('refuses a dangerous plugin command until it is allowed, and a denied one even then', () => {
    expect(refusal(policy(), 'lamp.strobe')).toBe('node command not allowed: "lamp.strobe" requires explicit gateway.nodes.commands.allow opt-in');
    expect(refusal(policy(['lamp.strobe']), 'lamp.strobe')).toBeUndefined();
    expect(refusal(policy(['lamp.on'], ['lamp.on']), 'lamp.on')).toBe('node command not allowed: "lamp.on" is blocked by gateway.nodes.commands.deny');
  });

  it('keeps a command no running plugin declares refused unless allowed', () => {
    expect(refusal(policy(), 'echo.say')).toBe('node command not allowed: "echo.say" is not in the allowlist for platform "linux"');
    expect(refusal(new CommandPolicy({ allow: [], deny: [] }), 'lamp.on')).toContain('not in the allowlist');
    expect(refusal(policy(['echo.say']), 'echo.say')).toBeUndefined();
  });

  it("keeps OpenClaw's dangerous commands dangerous even when a plugin calls them harmless", () => {
    expect(refusal(policy(), 'camera.snap')).toContain('requires explicit gateway.nodes.commands.allow opt-in');
  });

  it('still refuses plugin commands to a node whose platform is unknown', () => {
    expect(policy().refusal('lamp.on', 'linux', 'Raspberry')?.message).toBe('node command not allowed: "lamp.on" is not in the allowlist for platform "linux"');
  });
});
