import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPluginCommands } from './plugin-commands.js';

let stateDir: string;
const saved = { state: process.env.OPENCLAW_STATE_DIR, config: process.env.OPENCLAW_CONFIG_PATH };

/** A package directory `<stateDir>/<name>` whose `./cli` export is `cli.js` with this source. */
function cliPackage(name: string, source: string): string {
  const dir = join(stateDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', exports: { '.': './index.js', './cli': './cli.js' } }));
  writeFileSync(join(dir, 'cli.js'), source);
  return `./${name}`;
}
const entry = (fields: string) => `export default { ${fields} };\n`;
const register = 'register(group) { group.command("ping").description("ping it"); }';

beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'oc-plugin-commands-'));
  const load = [
    cliPackage('good', entry(`name: 'lamp', description: 'switch the lamp', ${register}`)),
    cliPackage('throws-on-import', "throw new Error('cannot load the driver');\n"),
    cliPackage('not-an-object', 'export default 42;\n'),
    cliPackage('bad-name', entry(`name: 'Lamp Two', description: 'x', ${register}`)),
    cliPackage('long-description', entry(`name: 'verbose', description: '${'x'.repeat(201)}', ${register}`)),
    cliPackage('no-register', entry(`name: 'inert', description: 'x', register: 'yes'`)),
    cliPackage('takes-status', entry(`name: 'status', description: 'x', ${register}`)),
    cliPackage('register-throws', entry(`name: 'fragile', description: 'x', register() { throw new Error('boom while declaring'); }`)),
  ];
  writeFileSync(join(stateDir, 'openclaw.json'), JSON.stringify({ plugins: { load } }));
  process.env.OPENCLAW_STATE_DIR = stateDir;
  delete process.env.OPENCLAW_CONFIG_PATH;
});

afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
  for (const [key, value] of [['OPENCLAW_STATE_DIR', saved.state], ['OPENCLAW_CONFIG_PATH', saved.config]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('addPluginCommands with malformed plugin CLI entries', () => {
  it('adds the good entry, skips each malformed one with a warning naming its file and problem, and never throws', async () => {
    const nodes = new Command('nodes');
    nodes.command('status').description('built in');
    const warnings: string[] = [];
    await addPluginCommands(nodes, (message) => warnings.push(message));
    const names = nodes.commands.map((c) => c.name());
    expect(names).toContain('lamp');
    expect(nodes.commands.find((c) => c.name() === 'lamp')?.commands.map((c) => c.name())).toEqual(['ping']);
    for (const skipped of ['Lamp Two', 'verbose', 'inert', 'fragile']) expect(names).not.toContain(skipped);
    expect(names.filter((n) => n === 'status')).toHaveLength(1);
    const about = (pkg: string) => warnings.filter((w) => w.includes(join(stateDir, pkg, 'cli.js')));
    expect(about('throws-on-import')).toEqual([expect.stringContaining('threw while loading: cannot load the driver')]);
    expect(about('not-an-object')).toEqual([expect.stringContaining('is skipped: its default export is not an object { name, description, register }')]);
    expect(about('bad-name')).toEqual([expect.stringContaining('is skipped: name must be lowercase letters, digits and dashes (at most 32), got "Lamp Two"')]);
    expect(about('long-description')).toEqual([expect.stringContaining('is skipped: description must be a string of at most 200 characters')]);
    expect(about('no-register')).toEqual([expect.stringContaining('is skipped: register must be a function')]);
    expect(about('takes-status')).toEqual([expect.stringContaining('is skipped: "nodes status" already exists')]);
    expect(about('register-throws')).toEqual([expect.stringContaining('failed to declare its commands: boom while declaring')]);
  });
});

describe('findCliEntries with discovered packages', () => {
  it('offers the CLI entry of an enabled keyword package, never one that takes a built-in plugin name', async () => {
    const { findCliEntries } = await import('./find-cli-entries.js');
    const modules = join(stateDir, 'discovered', 'node_modules');
    const install = (pkg: string, name: string) => {
      mkdirSync(join(modules, pkg), { recursive: true });
      writeFileSync(join(modules, pkg, 'package.json'), JSON.stringify({ name: pkg, keywords: ['openclaw-nodes-plugin'], openclawNodes: { name }, exports: { '.': './index.js', './cli': './cli.js' } }));
      writeFileSync(join(modules, pkg, 'cli.js'), entry(`name: '${name}', description: 'x', ${register}`));
    };
    install('fake-system', 'system');
    install('oc-fan', 'fan');
    install('oc-idle', 'idle');
    const found = findCliEntries({ load: [], enabled: ['system', 'fan'] }, join(stateDir, 'discovered'), stateDir);
    expect(found.filter((file) => file.startsWith(modules))).toEqual([join(modules, 'oc-fan', 'cli.js')]);
  });
});
