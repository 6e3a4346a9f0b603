import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';
import { runCli } from '../support/processes.js';
import { realCli, realEnv, scratchArea } from './real-openclaw.js';

const scratch = scratchArea();
afterAll(() => scratch.cleanup());

describe('config files shared with the real OpenClaw 2026.9.6', () => {
  it('our list of OpenClaw config keys is what its own `openclaw config schema` gives', async () => {
    const dir = scratch.dir('oc-real-schema-');
    const schemaFile = join(dir, 'schema.json');
    writeFileSync(schemaFile, await realCli(['config', 'schema'], realEnv(dir)));
    const version = (await realCli(['--version'], realEnv(dir))).match(/\d{4}\.\d+\.\d+/)![0];
    const generated = execFileSync(process.execPath, [join(ROOT, 'scripts', 'openclaw-key-paths.mjs'), schemaFile, `openclaw@${version}`], { encoding: 'utf8' });
    expect(generated).toBe(readFileSync(join(ROOT, 'config', 'data', 'openclaw-key-paths.txt'), 'utf8'));
  }, 120_000);

  it('a file written by the real `openclaw config set` works with ours: one warning, secrets redacted as the real CLI does', async () => {
    const dir = scratch.dir('oc-real-config-');
    const env = realEnv(dir);
    for (const [key, value] of [['nodeHost.browserProxy.enabled', 'true'], ['tools.exec.node', 'Build Node'], ['gateway.auth.token', 'shared-secret']]) {
      await realCli(['config', 'set', key, value], env);
    }
    const ours = { ...env, OPENCLAW_STATE_DIR: dir };
    const node = await runCli(['config', 'get', 'tools.exec.node'], ours);
    expect(node.stdout).toBe('Build Node\n');
    expect(node.stderr.match(/^Warning: .* has OpenClaw settings this product does not use; ignoring .*nodeHost.*\.\n$/)).not.toBeNull();
    const real = await realCli(['config', 'get', 'gateway.auth.token'], env);
    expect((await runCli(['config', 'get', 'gateway.auth.token'], ours)).stdout).toBe(real.trim() + '\n');
    expect(real).toContain('__OPENCLAW_REDACTED__');
  }, 120_000);
});
