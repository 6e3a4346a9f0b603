import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { editConfigFile } from './edit-config-file.js';
import { setConfigValue, unsetConfigValue } from './config-value.js';

let root: string;
let stateDir: string;
let file: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'openclaw-edit-'));
  stateDir = join(root, 'state');
  file = join(stateDir, 'openclaw.json');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ OPENCLAW_STATE_DIR: stateDir, ...extra });
const seed = async (text: string): Promise<void> => {
  await mkdir(stateDir, { recursive: true });
  await writeFile(file, text);
};
const SEEDED = `{
  // keep me
  $schema: "./openclaw.schema.json",
  meta: { owner: "ops" },
  gateway: { port: 18790, controlUi: { allowedOrigins: ["https://a.example", "https://b.example"] } },
  agents: { list: [{ id: "main" }, { id: "ops" }] },
}`;

describe('editConfigFile', () => {
  it('creates the state dir (0700) and the file (0600) as pretty JSON', async () => {
    const edited = await editConfigFile({ env: env() }, (raw) => setConfigValue(raw, 'tools.exec.host', 'node'));
    expect(edited).toMatchObject({ path: file, created: true });
    expect(edited.config.tools.exec.host).toBe('node');
    expect(await readFile(file, 'utf8')).toBe('{\n  "tools": {\n    "exec": {\n      "host": "node"\n    }\n  }\n}\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(stateDir)).mode & 0o777).toBe(0o700);
  });

  it('edits the raw file: unrelated keys, $schema, meta and arrays stay, no defaults are added', async () => {
    await seed(SEEDED);
    await editConfigFile({ env: env() }, (raw) => setConfigValue(raw, 'agents.list[1].tools.exec.node', 'abc123'));
    await editConfigFile({ env: env() }, (raw) => {
      unsetConfigValue(raw, 'gateway.port');
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      $schema: './openclaw.schema.json',
      meta: { owner: 'ops' },
      gateway: { controlUi: { allowedOrigins: ['https://a.example', 'https://b.example'] } },
      agents: { list: [{ id: 'main' }, { id: 'ops', tools: { exec: { node: 'abc123' } } }] },
    });
  });

  it('writes nothing when the result is invalid, and lists the problem', async () => {
    await seed(SEEDED);
    const before = await readFile(file);
    const err = await editConfigFile({ env: env() }, (raw) => {
      setConfigValue(raw, 'tools.exec.host', 'moon');
      setConfigValue(raw, 'agents.list[2].tools.exec.node', 'abc');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenClawError);
    expect((err as OpenClawError).code).toBe('CONFIG_INVALID');
    expect((err as OpenClawError).message).toContain('- tools.exec.host: expected one of sandbox|gateway|node');
    expect((err as OpenClawError).message).toContain('- agents.list[2].id: required');
    expect(await readFile(file)).toEqual(before);
  });

  it('edits OPENCLAW_CONFIG_PATH instead of the state dir when set', async () => {
    const explicit = join(root, 'custom', 'openclaw.json5');
    const edited = await editConfigFile({ env: env({ OPENCLAW_CONFIG_PATH: explicit }) }, (raw) => setConfigValue(raw, 'gateway.port', 19000));
    expect(edited.path).toBe(explicit);
    expect(JSON.parse(await readFile(explicit, 'utf8'))).toEqual({ gateway: { port: 19000 } });
    await expect(stat(file)).rejects.toThrow();
  });
});
