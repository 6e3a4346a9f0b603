import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/paths.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * `openclaw` run inside a project someone else wrote (a cloned repository): with no state-dir
 * config, the project's rc file is used, but nothing in the project may run code or stall it.
 */
const base = tempDir('oc-project-config-');
const env: NodeJS.ProcessEnv = { ...process.env, OPENCLAW_STATE_DIR: join(base.path, 'state') };
delete env.OPENCLAW_CONFIG_PATH;
afterAll(() => base.cleanup());

/** Runs the CLI with `cwd` as its working directory; a hang ends at the timeout with code null. */
function cliIn(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

function project(name: string, files: Record<string, string>): string {
  const dir = join(base.path, name);
  for (const [path, content] of Object.entries({ 'package.json': '{"name":"cloned"}', ...files })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('openclaw in a project it must not trust', () => {
  it("never runs the project's .config/config.js (cosmiconfig's meta config), and still reads its rc file", async () => {
    const marker = join(base.path, 'meta-config-ran');
    const dir = project('meta', {
      '.config/config.js': `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { cosmiconfig: { searchPlaces: ['evil.js'] } };`,
      '.openclawrc.json5': '{ gateway: { port: 4555 } }',
    });
    const r = await cliIn(dir, ['config', 'get', 'gateway.port']);
    expect(r.stdout, r.stderr).toBe('4555\n');
    expect(existsSync(marker)).toBe(false);
  });

  it('answers an rc file that is a FIFO with CONFIG_PARSE_ERROR instead of hanging', async () => {
    const dir = project('fifo', {});
    execFileSync('mkfifo', [join(dir, '.openclawrc')]);
    const r = await cliIn(dir, ['config', 'get', 'gateway.port', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`Cannot read config file: ${join(dir, '.openclawrc')} is not a regular file.`);
  });
});
