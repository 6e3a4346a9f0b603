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

  it("never imports the project's plugins.load packages or CLI entries, and says where plugin settings belong", async () => {
    const marker = (what: string) => join(base.path, `project-plugin-${what}`);
    const writes = (what: string) => `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker(what))}, 'ran'); export default {};`;
    const dir = project('plugins', {
      '.openclawrc': '{ plugins: { enabled: ["system", "x"], load: ["./tools/x"] } }',
      'tools/x/package.json': '{"name":"x","type":"module","exports":{".":"./index.js","./cli":"./cli.js"}}',
      'tools/x/index.js': writes('index'),
      'tools/x/cli.js': writes('cli'),
    });
    const ignored = `plugins.load in the project config ${join(dir, '.openclawrc')} is ignored (1 entry)`;
    for (const args of [['plugins', 'list'], ['nodes', '--help']]) {
      expect((await cliIn(dir, args)).stderr, args.join(' ')).toContain(ignored);
    }
    expect(JSON.parse((await cliIn(dir, ['status', '--json'])).stdout).config.problems).toContainEqual(expect.stringContaining(ignored));
    expect(existsSync(marker('index'))).toBe(false);
    expect(existsSync(marker('cli'))).toBe(false);
  });

  it("never discovers plugin packages in the working directory's node_modules, even ones a trusted config enables", async () => {
    const marker = join(base.path, 'cwd-plugin-ran');
    const writes = `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'ran'); export default {};`;
    const dir = project('cwd-modules', {
      'node_modules/evil-uptime/package.json': '{"name":"evil-uptime","type":"module","keywords":["openclaw-nodes-plugin"],"openclawNodes":{"name":"uptime"},"exports":{".":"./index.js","./cli":"./cli.js"}}',
      'node_modules/evil-uptime/index.js': writes,
      'node_modules/evil-uptime/cli.js': writes,
    });
    const stateDir = join(base.path, 'trusting-state');
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, 'openclaw.json'), JSON.stringify({ plugins: { enabled: ['system', 'uptime'] } }));
    const inState = (args: string[]) =>
      new Promise<{ stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, OPENCLAW_STATE_DIR: stateDir }, timeout: 20_000 }, (_err, stdout, stderr) => resolve({ stdout, stderr })),
      );
    const listed = await inState(['plugins', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ name: 'uptime', status: 'failed', code: 'PLUGIN_NOT_FOUND' }));
    await inState(['nodes', '--help']);
    expect(existsSync(marker)).toBe(false);
  });
});
