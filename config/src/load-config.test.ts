import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { loadConfig, type LoadConfigOptions } from './load-config.js';

let root: string;
let stateDir: string;
let project: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'openclaw-config-'));
  stateDir = join(root, 'state');
  project = join(root, 'project');
  // The package.json bounds the project search, so nothing above the temp dir is read.
  await mkdir(join(project, 'src', 'deep'), { recursive: true });
  await writeFile(join(project, 'package.json'), '{"name":"demo"}');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const write = async (path: string, text: string): Promise<string> => {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
};
/** Options as a CLI run in the project's subdirectory would pass them. */
const options = (env: NodeJS.ProcessEnv = {}): LoadConfigOptions => ({
  cwd: join(project, 'src', 'deep'),
  env: { HOME: join(root, 'home'), OPENCLAW_STATE_DIR: stateDir, ...env },
});
const failure = async (promise: Promise<unknown>): Promise<OpenClawError> => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenClawError);
  return err as OpenClawError;
};

describe('loadConfig discovery', () => {
  it('uses defaults when no file exists anywhere', async () => {
    const loaded = await loadConfig(options());
    expect(loaded).toMatchObject({ source: 'defaults', path: undefined, stateDir });
    expect(loaded.config.gateway).toMatchObject({ port: 18789, bind: 'loopback', mode: 'local', auth: { mode: 'token' } });
    expect(loaded.config.gateway.nodes).toEqual({ pairing: { autoApproveLocal: true, requireCode: false }, commands: { allow: [], deny: [] } });
    expect(loaded.config.tools.exec).toEqual({ notifyOnExit: true, approvalRunningNoticeMs: 10000 });
    expect(loaded.config.nodes.invokeTimeoutMs).toBe(30000);
    expect(loaded.config.agents.list).toEqual([]);
  });

  it('defaults the state dir to ~/.openclaw', async () => {
    const file = await write(join(root, 'home', '.openclaw', 'openclaw.json'), '{ gateway: { port: 1 } }');
    const loaded = await loadConfig({ ...options(), env: { HOME: join(root, 'home') } });
    expect(loaded).toMatchObject({ source: 'state-dir', path: file, stateDir: join(root, 'home', '.openclaw') });
  });

  it('finds a project rc file above cwd, parsed as JSON5', async () => {
    const rc = await write(join(project, '.openclawrc.json5'), '// project\n{ gateway: { port: 4000, }, }');
    const loaded = await loadConfig(options());
    expect(loaded).toMatchObject({ source: 'project', path: rc });
    expect(loaded.config.gateway.port).toBe(4000);
  });

  it('reads the openclaw key of package.json as a project config', async () => {
    await write(join(project, 'package.json'), '{"name":"demo","openclaw":{"gateway":{"port":4001}}}');
    const loaded = await loadConfig(options());
    expect(loaded).toMatchObject({ source: 'project', path: join(project, 'package.json') });
    expect(loaded.config.gateway.port).toBe(4001);
  });

  it('prefers the state-dir file over a project rc file', async () => {
    await write(join(project, '.openclawrc'), '{ gateway: { port: 4000 } }');
    const file = await write(join(stateDir, 'openclaw.json'), '{ gateway: { port: 5000 } }');
    const loaded = await loadConfig(options());
    expect(loaded).toMatchObject({ source: 'state-dir', path: file });
    expect(loaded.config.gateway.port).toBe(5000);
  });

  it('prefers OPENCLAW_CONFIG_PATH over everything, and requires it to exist', async () => {
    await write(join(stateDir, 'openclaw.json'), '{ gateway: { port: 5000 } }');
    const explicit = await write(join(root, 'elsewhere', 'my.json5'), '{ gateway: { port: 6000 } }');
    const loaded = await loadConfig(options({ OPENCLAW_CONFIG_PATH: explicit }));
    expect(loaded).toMatchObject({ source: 'env-path', path: explicit });
    expect(loaded.config.gateway.port).toBe(6000);

    const missing = join(root, 'missing.json');
    const err = await failure(loadConfig(options({ OPENCLAW_CONFIG_PATH: missing })));
    expect(err.code).toBe('CONFIG_PATH_NOT_FOUND');
    expect(err.message).toContain(missing);
  });
});

describe('loadConfig parsing and validation', () => {
  it('accepts comments, trailing commas, unquoted keys, $schema and meta', async () => {
    await write(
      join(stateDir, 'openclaw.json'),
      `{
        $schema: "https://example.invalid/openclaw.schema.json",
        meta: { lastTouchedBy: "me" },
        /* exec goes to a node */
        tools: { exec: { host: 'node', safeBins: ['jq',], }, },
        agents: { list: [ { id: 'main', default: true, tools: { exec: { node: 'Build Node' } } }, ], },
      }`,
    );
    const { config } = await loadConfig(options());
    expect(config.tools.exec).toMatchObject({ host: 'node', safeBins: ['jq'], notifyOnExit: true });
    expect(config.agents.list[0].tools?.exec?.node).toBe('Build Node');
    expect(config.meta).toEqual({ lastTouchedBy: 'me' });
  });

  it('reports a syntax error with file, line and column', async () => {
    const file = await write(join(stateDir, 'openclaw.json'), '{\n  gateway: {\n    port: 18789 18790\n  }\n}');
    const err = await failure(loadConfig(options()));
    expect(err.code).toBe('CONFIG_PARSE_ERROR');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/line 3, column 17/);
    expect(err.details).toMatchObject({ path: file, line: 3, column: 17 });
  });

  it('lists every issue with the path of the offending key', async () => {
    const file = await write(
      join(stateDir, 'openclaw.json'),
      JSON.stringify({
        gateway: { prot: 1, bind: 'everywhere' },
        tools: { exec: { host: 'moon', notifyOnExit: 'yes' } },
        agents: { list: [{ tools: { exec: { host: 'sky' } } }] },
        colour: 'blue',
      }),
    );
    const err = await failure(loadConfig(options()));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message.split('\n')).toEqual([
      `Config invalid at ${file}.`,
      '- gateway.bind: expected one of loopback|lan|custom, received string "everywhere"',
      '- gateway.prot: unknown key (did you mean "port"?)',
      '- tools.exec.host: expected one of sandbox|gateway|node, received string "moon"',
      '- tools.exec.notifyOnExit: expected boolean, received string "yes"',
      '- agents.list[0].id: required (expected string)',
      '- agents.list[0].tools.exec.host: expected one of sandbox|gateway|node, received string "sky"',
      '- colour: unknown key',
    ]);
    expect(err.details).toMatchObject({ path: file });
    expect((err.details?.issues as unknown[]).length).toBe(7);
  });

  it('refuses timeouts a Node timer cannot hold and inconsistent HTTP timeouts', async () => {
    await write(
      join(stateDir, 'openclaw.json'),
      JSON.stringify({
        gateway: { http: { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 2 ** 31 } },
        tools: { exec: { approvalRunningNoticeMs: 2 ** 40 } },
        nodes: { invokeTimeoutMs: 2 ** 31 },
      }),
    );
    const err = await failure(loadConfig(options()));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message.split('\n').slice(1)).toEqual([
      '- gateway.http.keepAliveTimeoutMs: must be <= 2147483647',
      '- gateway.http.headersTimeoutMs: must not exceed http.requestTimeoutMs',
      '- tools.exec.approvalRunningNoticeMs: must be <= 2147483647',
      '- nodes.invokeTimeoutMs: must be <= 2147483647',
    ]);
  });
});

describe('environment overrides', () => {
  it('OPENCLAW_GATEWAY_TOKEN and OPENCLAW_GATEWAY_PORT win over the file', async () => {
    await write(join(stateDir, 'openclaw.json'), '{ gateway: { port: 5000, auth: { token: "from-file" } } }');
    const { config } = await loadConfig(options({ OPENCLAW_GATEWAY_TOKEN: 'from-env', OPENCLAW_GATEWAY_PORT: '19001' }));
    expect(config.gateway.auth.token).toBe('from-env');
    expect(config.gateway.port).toBe(19001);
  });

  it('validates an overridden port and names the variable', async () => {
    const err = await failure(loadConfig(options({ OPENCLAW_GATEWAY_PORT: 'eighty' })));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('- gateway.port: expected number, received string "eighty" (from OPENCLAW_GATEWAY_PORT)');
    const tooBig = await failure(loadConfig(options({ OPENCLAW_GATEWAY_PORT: '70000' })));
    expect(tooBig.message).toContain('- gateway.port: must be <= 65535 (from OPENCLAW_GATEWAY_PORT)');
  });
});

describe('keys outside our schema', () => {
  it('accepts keys the real OpenClaw knows, ignores them and names them', async () => {
    await write(
      join(stateDir, 'openclaw.json'),
      JSON.stringify({ nodeHost: { browserProxy: { enabled: true } }, tools: { exec: { host: 'node', reviewer: { fastMode: true } } }, gateway: { auth: { password: 'pw' } } }),
    );
    const { config, foreignKeys } = await loadConfig(options());
    expect(foreignKeys).toEqual(['gateway.auth.password', 'nodeHost', 'tools.exec.reviewer']);
    expect(config.tools.exec.host).toBe('node');
    expect(config).not.toHaveProperty('nodeHost');
  });

  it('still reports keys nobody knows, with the nearest known key, and typos inside OpenClaw-only sections', async () => {
    const file = await write(join(stateDir, 'openclaw.json'), '{ gatway: {}, tools: { exec: { nod: "x" } }, nodeHost: { browserProxy: { enabeld: true } }, zzz: 1 }');
    const err = await failure(loadConfig(options()));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message.split('\n')).toEqual([
      `Config invalid at ${file}.`,
      '- tools.exec.nod: unknown key (did you mean "node"?)',
      '- gatway: unknown key (did you mean "gateway"?)',
      '- zzz: unknown key',
      '- nodeHost.browserProxy.enabeld: unknown key (did you mean "enabled"?)',
    ]);
  });

  it('never quotes the value of a secret key in an error', async () => {
    await write(join(stateDir, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: 12345678 }, remote: { token: ['hunter2'] } } }));
    const err = await failure(loadConfig(options()));
    expect(err.message).toContain('- gateway.auth.token: expected string, received number (value hidden)');
    expect(err.message).not.toContain('12345678');
    expect(err.message).not.toContain('hunter2');
  });
});

describe('${VAR} references', () => {
  it('are replaced from the environment before validation, in every key', async () => {
    await write(join(stateDir, 'openclaw.json'), '{ gateway: { auth: { token: "${GW_SECRET}" } }, tools: { exec: { node: "${EXEC_NODE}" } } }');
    const { config } = await loadConfig(options({ GW_SECRET: 's3cret', EXEC_NODE: 'Build Node' }));
    expect(config.gateway.auth.token).toBe('s3cret');
    expect(config.tools.exec.node).toBe('Build Node');
  });

  it('fail with CONFIG_ENV_MISSING naming the key when the variable is unset', async () => {
    const file = await write(join(stateDir, 'openclaw.json'), '{ gateway: { auth: { token: "${GW_SECRET}" } } }');
    const err = await failure(loadConfig(options()));
    expect(err.code).toBe('CONFIG_ENV_MISSING');
    expect(err.message).toContain(`Config key gateway.auth.token in ${file} refers to \${GW_SECRET}`);
  });
});
