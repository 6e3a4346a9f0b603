import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCli } from '../support/fresh-cli.js';
import { CLI_DIR } from '../support/paths.js';

const VERSION = (JSON.parse(readFileSync(join(CLI_DIR, 'package.json'), 'utf8')) as { version: string }).version;

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

  it('nodes run --help says how --raw is run: a plain shell, not a login shell that resets PATH', () => {
    const help = makeCli().run('nodes', 'run', '--help').stdout.replace(/\s+/g, ' ');
    expect(help).toContain('(run with /bin/sh -c on the node, cmd.exe /d /s /c on Windows)');
  });

  it('approvals allowlist add --help names the three kinds of pattern', () => {
    const help = makeCli().run('approvals', 'allowlist', 'add', '--help').stdout.replace(/\s+/g, ' ');
    expect(help).toContain('a path glob (/usr/bin/uname, ~/bin/*), a name glob for a program typed as a bare name (hostname), or * for any program that resolves');
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

  it("honours OpenClaw's tools.exec.mode where it is stricter: mode deny stops nodes run before any gateway is asked", () => {
    const cli = makeCli();
    expect(cli.run('config', 'set', 'tools.exec.security', 'full').code).toBe(0);
    expect(cli.run('config', 'set', 'tools.exec.mode', 'deny')).toMatchObject({ code: 0, stderr: '' });
    const run = cli.run('nodes', 'run', '--node', 'Build Node', '--url', 'ws://127.0.0.1:9', '--', 'true');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('exec denied: host=node security=deny');
  });

  it('creates the default agent main for a key inside a new agents.list item, as the seed example needs', () => {
    const cli = makeCli();
    expect(cli.run('config', 'set', 'agents.list[0].tools.exec.node', 'node-id-or-name')).toEqual({
      code: 0,
      stdout: 'Updated agents.list[0].tools.exec.node. Restart the gateway to apply.\n',
      stderr: '',
    });
    expect(cli.readConfig()).toEqual({ agents: { list: [{ id: 'main', tools: { exec: { node: 'node-id-or-name' } } }] } });
    // A second new item cannot also be main: it needs an id, and nothing is written.
    const before = readFileSync(cli.configFile);
    const refused = cli.run('config', 'set', 'agents.list[1].tools.exec.node', 'abc123');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('- agents.list[1].id: required');
    expect(readFileSync(cli.configFile)).toEqual(before);
    expect(cli.run('config', 'set', 'agents.list[1]', '{"id":"ops"}').code).toBe(0);
    expect(cli.run('config', 'set', 'agents.list[1].tools.exec.node', 'abc123').code).toBe(0);
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
    expect(cli.run('config', 'get', 'gateway.nodes.pairing').stdout).toBe('{\n  "autoApproveLocal": true,\n  "requireCode": false\n}\n');
    expect(cli.run('config', 'get', 'gateway.port', '--json').stdout).toBe('18789\n');
  });

  it('with --json, reports a failure as a JSON object on stdout', () => {
    const result = makeCli().run('config', 'get', 'tools.exec.node', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { code: 'CONFIG_PATH_NOT_FOUND', message: 'Config path not found: tools.exec.node', details: { path: 'tools.exec.node' } },
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
      '- tols: unknown key (did you mean "tools"?)',
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

const REDACTED = '__OPENCLAW_REDACTED__';

describe('openclaw config get and secrets', () => {
  it('prints __OPENCLAW_REDACTED__ for a token from the environment', () => {
    const cli = makeCli({ OPENCLAW_GATEWAY_TOKEN: 'abc' });
    expect(cli.run('config', 'get', 'gateway.auth.token')).toEqual({ code: 0, stdout: `${REDACTED}\n`, stderr: '' });
    expect(cli.run('config', 'get', 'gateway.auth.token', '--json').stdout).toBe(`"${REDACTED}"\n`);
    expect(cli.run('config', 'get', 'gateway.auth', '--json').stdout).not.toContain('abc');
  });

  it('redacts every secret inside objects, from the file too, and --show-secrets prints them', () => {
    const cli = makeCli();
    mkdirSync(cli.stateDir, { recursive: true });
    writeFileSync(
      cli.configFile,
      JSON.stringify({
        gateway: { auth: { token: 'file-token' }, remote: { url: 'wss://gw.example', token: 'remote-token' } },
        plugins: { options: { camera: { apiKey: 'plugin-key', fps: 5, accounts: [{ password: 'pw', user: 'me' }] } } },
      }),
    );
    for (const path of ['gateway', 'plugins']) {
      const shown = cli.run('config', 'get', path, '--json');
      expect(shown.code).toBe(0);
      for (const secret of ['file-token', 'remote-token', 'plugin-key', '"pw"']) expect(shown.stdout).not.toContain(secret);
    }
    expect(JSON.parse(cli.run('config', 'get', 'gateway', '--json').stdout)).toMatchObject({
      auth: { mode: 'token', token: REDACTED },
      remote: { url: 'wss://gw.example', token: REDACTED },
    });
    expect(JSON.parse(cli.run('config', 'get', 'plugins.options').stdout)).toEqual({
      camera: { apiKey: REDACTED, fps: 5, accounts: [{ password: REDACTED, user: 'me' }] },
    });
    expect(cli.run('config', 'get', 'gateway.auth.token', '--show-secrets').stdout).toBe('file-token\n');
    expect(JSON.parse(cli.run('config', 'get', 'gateway', '--json', '--show-secrets').stdout).remote.token).toBe('remote-token');
  });

  it('never quotes a secret in an error about the value given to config set', () => {
    const cli = makeCli();
    const refused = cli.run('config', 'set', 'gateway.auth.token', 'typed secret', '--strict-json');
    expect(refused).toEqual({ code: 1, stdout: '', stderr: 'Value is not valid JSON (the value of a secret key is not shown).\n' });
    const number = cli.run('config', 'set', 'gateway.remote.token', '1234567', '--strict-json');
    expect(number.code).toBe(1);
    expect(number.stderr).toContain('- gateway.remote.token: expected string, received number (value hidden)');
    expect(number.stderr).not.toContain('1234567');
  });

  it('never quotes a secret in a validation error', () => {
    const cli = makeCli();
    mkdirSync(cli.stateDir, { recursive: true });
    writeFileSync(cli.configFile, '{ gateway: { auth: { token: 987654321 } } }');
    const failed = cli.run('config', 'get', 'gateway.port', '--json');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).error.message).toContain('- gateway.auth.token: expected string, received number (value hidden)');
    expect(failed.stdout).not.toContain('987654321');
  });
});

describe('${VAR} references in openclaw.json', () => {
  const write = (cli: ReturnType<typeof makeCli>, text: string) => {
    mkdirSync(cli.stateDir, { recursive: true });
    writeFileSync(cli.configFile, text);
  };

  it('are filled in from the environment; config set leaves them in the file as written', () => {
    const cli = makeCli({ GW_SECRET: 's3cret-from-env', EXEC_NODE: 'Build Node' });
    write(cli, '{ gateway: { auth: { token: "${GW_SECRET}" } }, tools: { exec: { node: "${EXEC_NODE}", pathPrepend: ["$${HOME}/bin"] } } }');
    expect(cli.run('config', 'get', 'tools.exec.node').stdout).toBe('Build Node\n');
    expect(cli.run('config', 'get', 'tools.exec.pathPrepend', '--json').stdout).toBe('[\n  "${HOME}/bin"\n]\n');
    expect(cli.run('config', 'get', 'gateway.auth.token').stdout).toBe(`${REDACTED}\n`);
    expect(cli.run('config', 'get', 'gateway.auth.token', '--show-secrets').stdout).toBe('s3cret-from-env\n');
    expect(cli.run('config', 'set', 'tools.exec.host', 'node').code).toBe(0);
    const file = readFileSync(cli.configFile, 'utf8');
    expect(file).not.toContain('s3cret-from-env');
    expect(cli.readConfig()).toEqual({ gateway: { auth: { token: '${GW_SECRET}' } }, tools: { exec: { node: '${EXEC_NODE}', pathPrepend: ['$${HOME}/bin'], host: 'node' } } });
  });

  it('an unset variable fails every read with CONFIG_ENV_MISSING naming the key; an edit still works', () => {
    const cli = makeCli();
    write(cli, '{ gateway: { auth: { token: "${GW_SECRET}" } } }');
    const failed = cli.run('config', 'get', 'gateway.port');
    expect(failed).toEqual({
      code: 1,
      stdout: '',
      stderr: `Config key gateway.auth.token in ${cli.configFile} refers to \${GW_SECRET}, but the environment variable GW_SECRET is not set. Set it, or write $\${GW_SECRET} for the literal text.\n`,
    });
    expect(JSON.parse(cli.run('config', 'get', 'gateway.port', '--json').stdout).error.code).toBe('CONFIG_ENV_MISSING');
    expect(cli.run('config', 'set', 'tools.exec.host', 'node').code).toBe(0);
    expect(cli.readConfig()).toEqual({ gateway: { auth: { token: '${GW_SECRET}' } }, tools: { exec: { host: 'node' } } });
  });
});

describe('keys of the real OpenClaw', () => {
  it('are accepted with one warning naming them; unknown keys fail with a suggestion', () => {
    const cli = makeCli();
    const set = cli.run('config', 'set', 'nodeHost.browserProxy.enabled', 'true');
    expect(set.code).toBe(0);
    const warning = `Warning: ${cli.configFile} has OpenClaw settings this product does not use; ignoring nodeHost.\n`;
    expect(set.stderr).toBe(warning);
    expect(cli.run('config', 'get', 'gateway.port')).toEqual({ code: 0, stdout: '18789\n', stderr: warning });
    expect(cli.run('config', 'get', 'nodeHost.browserProxy.enabled')).toEqual({ code: 0, stdout: 'true\n', stderr: warning });
    // OpenClaw's own secrets stay secret here too.
    expect(cli.run('config', 'set', 'gateway.auth.password', 'hunter2').code).toBe(0);
    expect(cli.run('config', 'get', 'gateway.auth.password').stdout).toBe(`${REDACTED}\n`);
    expect(cli.run('config', 'unset', 'gateway').code).toBe(0);
    const typo = cli.run('config', 'set', 'gatway.port', '1');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('- gatway: unknown key (did you mean "gateway"?)');
    expect(cli.readConfig()).toEqual({ nodeHost: { browserProxy: { enabled: true } } });
  });

  it('lists of plain values and maps of strings in OpenClaw sections are accepted too; a typo beside them is not', () => {
    const cli = makeCli();
    mkdirSync(cli.stateDir, { recursive: true });
    const file = { gateway: { trustedProxies: ['10.0.0.1'] }, env: { vars: { OPENAI_API_KEY: 'sk-test' } }, skills: { entries: { gh: { env: { GITHUB_TOKEN: 'ghp-test' } } } } };
    writeFileSync(cli.configFile, JSON.stringify(file));
    expect(cli.run('config', 'get', 'gateway.port')).toEqual({
      code: 0,
      stdout: '18789\n',
      stderr: `Warning: ${cli.configFile} has OpenClaw settings this product does not use; ignoring env, gateway.trustedProxies, skills.\n`,
    });
    expect(cli.run('config', 'get', 'skills.entries.gh.env.GITHUB_TOKEN').stdout).toBe(`${REDACTED}\n`);
    // OpenClaw 2026.9.6 itself wants variables under env.vars.
    writeFileSync(cli.configFile, JSON.stringify({ env: { OPENAI_API_KEY: 'sk-test' } }));
    expect(cli.run('config', 'get', 'gateway.port').stderr).toContain('- env.OPENAI_API_KEY: unknown key');
    writeFileSync(cli.configFile, JSON.stringify({ skills: { entries: { gh: { env: {}, enabeld: true } } } }));
    expect(cli.run('config', 'get', 'gateway.port').stderr).toContain('- skills.entries.gh.enabeld: unknown key (did you mean "enabled"?)');
  });

  it('an agents.list item (which OpenClaw reads as its keyed agents.entries) may carry its settings; a typo there gets a suggestion', () => {
    const cli = makeCli();
    const set = cli.run('config', 'set', 'agents.list[0]', '{"id":"main","model":"anthropic/claude","tools":{"exec":{"node":"Build Node","timeoutSeconds":30}}}');
    expect(set).toMatchObject({ code: 0, stderr: `Warning: ${cli.configFile} has OpenClaw settings this product does not use; ignoring agents.list[0].model, agents.list[0].tools.exec.timeoutSeconds.\n` });
    expect(cli.run('config', 'get', 'agents.list[0].tools.exec.node').stdout).toBe('Build Node\n');
    const typo = cli.run('config', 'set', 'agents.list[0].modle', 'x');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('- agents.list[0].modle: unknown key (did you mean "model"?)');
    const nested = cli.run('config', 'set', 'agents.list[0].tools.exec.timeoutSecnds', '1');
    expect(nested.stderr).toContain('- agents.list[0].tools.exec.timeoutSecnds: unknown key (did you mean "timeoutSeconds"?)');
  });
});

describe('a closed output pipe', () => {
  it('config get --json | head -c 10: ten bytes, no stack trace, exit 0', () => {
    const cli = makeCli();
    mkdirSync(cli.stateDir, { recursive: true });
    // Far more than a pipe buffer (64 KiB), so the write is still going when head exits.
    const notes = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`note${i}`, 'x'.repeat(100)]));
    writeFileSync(cli.configFile, JSON.stringify({ meta: notes }));
    const piped = cli.bash('openclaw config get meta --json 2>"$ERR" | head -c 10; echo "|exit=${PIPESTATUS[0]}"', { ERR: join(cli.root, 'stderr.txt') });
    expect(piped.stdout).toBe('{\n  "note0|exit=0\n');
    expect(readFileSync(join(cli.root, 'stderr.txt'), 'utf8')).toBe('');
  });
});
