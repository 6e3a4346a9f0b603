import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, CLI_DIR } from '../support/paths.js';

const VERSION = (JSON.parse(readFileSync(join(CLI_DIR, 'package.json'), 'utf8')) as { version: string }).version;


const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh machine: its own HOME, state dir and working directory, no OPENCLAW_* leaking in. */
function makeCli(extraEnv: NodeJS.ProcessEnv = {}) {
  const root = mkdtempSync(join(tmpdir(), 'openclaw-cli-'));
  dirs.push(root);
  const stateDir = join(root, 'state');
  const cwd = join(root, 'work');
  mkdirSync(cwd);
  // Bounds the project rc search to this directory.
  writeFileSync(join(cwd, 'package.json'), '{"name":"work"}');
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENCLAW_')));
  Object.assign(env, { HOME: join(root, 'home'), OPENCLAW_STATE_DIR: stateDir, NO_COLOR: '1' }, extraEnv);
  const configFile = join(stateDir, 'openclaw.json');
  return {
    cwd,
    stateDir,
    configFile,
    run(...args: string[]): Run {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    readConfig: (): unknown => JSON.parse(readFileSync(configFile, 'utf8')),
  };
}

describe('openclaw --version and --help', () => {
  it('prints the package version', () => {
    const cli = makeCli();
    expect(cli.run('--version')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(cli.run('-V').stdout).toBe(`${VERSION}\n`);
  });

  it.each([
    [[], 'Usage: openclaw [options] [command]'],
    [['config'], 'Usage: openclaw config [options] [command]'],
    [['config', 'get'], 'Usage: openclaw config get [options] <path>'],
    [['config', 'set'], 'Usage: openclaw config set [options] <path> <value>'],
    [['config', 'unset'], 'Usage: openclaw config unset [options] <path>'],
    [['config', 'file'], 'Usage: openclaw config file [options]'],
  ])('%j --help shows its usage and exits 0', (args, usage) => {
    const result = makeCli().run(...args, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
  });

  it('answers an unknown command or a missing argument with a usage error, exit 1', () => {
    const cli = makeCli();
    const unknown = cli.run('config', 'bogus');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'bogus'");
    const missing = cli.run('config', 'set', 'tools.exec.host');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing required argument 'value'");
  });
});

describe('openclaw config (seed usages)', () => {
  it('sets exec routing keys and reads them back', () => {
    const cli = makeCli();
    expect(cli.run('config', 'set', 'tools.exec.host', 'node')).toEqual({
      code: 0,
      stdout: 'Updated tools.exec.host. Restart the gateway to apply.\n',
      stderr: '',
    });
    expect(cli.run('config', 'set', 'tools.exec.security', 'allowlist').code).toBe(0);
    expect(cli.run('config', 'set', 'tools.exec.node', 'Build Node').code).toBe(0);
    expect(cli.readConfig()).toEqual({ tools: { exec: { host: 'node', security: 'allowlist', node: 'Build Node' } } });
    expect(cli.run('config', 'get', 'tools.exec.node').stdout).toBe('Build Node\n');
    expect(cli.run('config', 'get', 'tools.exec.node', '--json').stdout).toBe('"Build Node"\n');
    expect(cli.run('config', 'get', 'agents.list').stdout).toBe('[]\n');
  });

  it('requires an agent id before a nested key of a new agents.list entry', () => {
    const cli = makeCli();
    cli.run('config', 'set', 'tools.exec.host', 'node');
    const before = readFileSync(cli.configFile);

    const refused = cli.run('config', 'set', 'agents.list[0].tools.exec.node', 'abc123');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`Config invalid at ${cli.configFile}.`);
    expect(refused.stderr).toContain('- agents.list[0].id: required');
    expect(readFileSync(cli.configFile)).toEqual(before);

    expect(cli.run('config', 'set', 'agents.list[0]', '{"id":"main"}').code).toBe(0);
    expect(cli.run('config', 'set', 'agents.list[0].tools.exec.node', 'abc123').code).toBe(0);
    expect(JSON.parse(cli.run('config', 'get', 'agents.list').stdout)).toEqual([{ id: 'main', tools: { exec: { node: 'abc123' } } }]);
  });

  it('unsets a key, then reports it as not found', () => {
    const cli = makeCli();
    cli.run('config', 'set', 'tools.exec.host', 'node');
    cli.run('config', 'set', 'tools.exec.node', 'Build Node');
    expect(cli.run('config', 'unset', 'tools.exec.node')).toEqual({
      code: 0,
      stdout: 'Removed tools.exec.node. Restart the gateway to apply.\n',
      stderr: '',
    });
    expect(cli.readConfig()).toEqual({ tools: { exec: { host: 'node' } } });
    expect(cli.run('config', 'get', 'tools.exec.node')).toEqual({ code: 1, stdout: '', stderr: 'Config path not found: tools.exec.node\n' });
    expect(cli.run('config', 'unset', 'tools.exec.node')).toEqual({ code: 1, stdout: '', stderr: 'Config path not found: tools.exec.node\n' });
  });

  it('refuses an invalid value, names the key and leaves the file byte for byte', () => {
    const cli = makeCli();
    mkdirSync(cli.stateDir, { recursive: true });
    const original = '// hand-written\n{ tools: { exec: { host: "node" } } }\n';
    writeFileSync(cli.configFile, original);
    const result = cli.run('config', 'set', 'tools.exec.host', 'moon');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('- tools.exec.host: expected one of sandbox|gateway|node, received string "moon"');
    expect(readFileSync(cli.configFile, 'utf8')).toBe(original);
  });
});

describe('openclaw config details', () => {
  it('prints scalars raw, structures as pretty JSON, defaults included', () => {
    const cli = makeCli();
    expect(cli.run('config', 'get', 'gateway.port').stdout).toBe('18789\n');
    expect(cli.run('config', 'get', 'gateway.nodes.pairing').stdout).toBe('{\n  "autoApproveLocal": true\n}\n');
    expect(cli.run('config', 'get', 'gateway.port', '--json').stdout).toBe('18789\n');
  });

  it('with --json, reports a failure as a JSON object on stdout', () => {
    const result = makeCli().run('config', 'get', 'tools.exec.node', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { code: 'CONFIG_PATH_NOT_FOUND', message: 'Config path not found: tools.exec.node' },
    });
  });

  it('shows environment overrides in get', () => {
    const cli = makeCli({ OPENCLAW_GATEWAY_PORT: '19999' });
    expect(cli.run('config', 'get', 'gateway.port').stdout).toBe('19999\n');
  });

  it('keeps a numeric-looking node name a string, and --strict-json refuses plain text', () => {
    const cli = makeCli();
    expect(cli.run('config', 'set', 'tools.exec.node', '1234').code).toBe(0);
    expect(cli.run('config', 'set', 'gateway.port', '18800').code).toBe(0);
    expect(cli.readConfig()).toEqual({ tools: { exec: { node: '1234' } }, gateway: { port: 18800 } });
    const strict = cli.run('config', 'set', 'tools.exec.node', 'Build Node', '--strict-json');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('Value is not valid JSON');
    expect(cli.run('config', 'set', 'tools.exec.node', '"Build Node"', '--json').code).toBe(0);
    expect(cli.run('config', 'get', 'tools.exec.node').stdout).toBe('Build Node\n');
  });

  it('writes the file 0600 inside a 0700 state dir', () => {
    const cli = makeCli();
    cli.run('config', 'set', 'gateway.auth.token', 'secret-token');
    expect(statSync(cli.configFile).mode & 0o777).toBe(0o600);
    expect(statSync(cli.stateDir).mode & 0o777).toBe(0o700);
  });

  it('reports a malformed path and an invalid existing file', () => {
    const cli = makeCli();
    const badPath = cli.run('config', 'get', 'agents..list');
    expect(badPath.code).toBe(1);
    expect(badPath.stderr).toContain('Invalid config path "agents..list"');
    mkdirSync(cli.stateDir, { recursive: true });
    writeFileSync(cli.configFile, '{ gateway: { port: "high", bind: "moon" }, tols: {} }');
    const invalid = cli.run('config', 'get', 'gateway.port');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.split('\n')).toEqual([
      `Config invalid at ${cli.configFile}.`,
      '- gateway.port: expected number, received string "high"',
      '- gateway.bind: expected one of loopback|lan|custom, received string "moon"',
      '- tols: unknown key',
      '',
    ]);
  });

  it('reads a project rc file until the state-dir file exists, and says when it takes over', () => {
    const cli = makeCli();
    const rc = join(cli.cwd, '.openclawrc.json');
    writeFileSync(rc, '{ gateway: { port: 4000 } } // project');
    expect(cli.run('config', 'get', 'gateway.port').stdout).toBe('4000\n');
    expect(cli.run('config', 'file').stdout).toBe(`${rc}\n`);
    const set = cli.run('config', 'set', 'tools.exec.host', 'node');
    expect(set.code).toBe(0);
    expect(set.stderr).toBe(`Note: ${cli.configFile} now takes precedence over ${rc}.\n`);
    expect(cli.run('config', 'get', 'gateway.port').stdout).toBe('18789\n');
  });

  it('config file prints the file in use, OPENCLAW_CONFIG_PATH first', () => {
    const cli = makeCli();
    expect(cli.run('config', 'file').stdout).toBe(`${cli.configFile}\n`);
    const explicit = join(cli.stateDir, '..', 'elsewhere.json5');
    writeFileSync(explicit, '{}');
    const other = makeCli({ OPENCLAW_CONFIG_PATH: explicit });
    expect(other.run('config', 'file').stdout).toBe(`${explicit}\n`);
  });
});
