import { describe, expect, it } from 'vitest';
import { BUNDLED_COMMANDS, entryPoint } from './entry-point.js';

const built = () => true;

describe('entryPoint', () => {
  it('starts the short gateway and config commands from the bundle once it is built', () => {
    for (const args of [['nodes', 'status', '--json'], ['devices', 'list'], ['config', 'get', 'gateway.port']]) {
      const entry = entryPoint(args, built);
      expect(entry.bundled, args.join(' ')).toBe(true);
      expect(entry.url.pathname).toMatch(/\/bundle\/cli\.cjs$/);
    }
    expect(entryPoint(['nodes', 'status'], () => false).url.pathname).toMatch(/[^e]\/main\.js$/);
  });

  it('starts plugin groups, hosts, bare groups and unknown words from the plain build', () => {
    for (const args of [['nodes', 'camera', 'snap'], ['gateway', 'run'], ['node', 'run'], ['mcp', 'serve'], ['status'], ['nodes'], ['__proto__', 'x'], ['constructor', 'status'], []]) {
      const entry = entryPoint(args, built);
      expect(entry.bundled, args.join(' ')).toBe(false);
      expect(entry.url.pathname).not.toMatch(/\/bundle\//);
    }
  });

  it('names only subcommands that exist in the program', async () => {
    const { buildProgram } = await import('./program.js');
    const program = buildProgram('0.0.0');
    for (const [group, subs] of BUNDLED_COMMANDS) {
      const command = program.commands.find((c) => c.name() === group);
      expect(command, group).toBeDefined();
      for (const sub of subs) expect(command?.commands.some((c) => c.name() === sub), `${group} ${sub}`).toBe(true);
    }
  });
});
