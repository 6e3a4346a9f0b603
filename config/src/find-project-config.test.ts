import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProjectConfig } from './find-project-config.js';
import { loadConfig } from './load-config.js';

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'oc-project-config-'));
  // The package.json bounds the search, so nothing above the temp dir is read.
  writeFileSync(join(project, 'package.json'), '{"name":"cloned"}');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** A project file cosmiconfig would read, in a project that may be someone else's. */
describe('findProjectConfig on a project it must not trust', () => {
  it('refuses a FIFO or a link to a device where an rc file would be, naming it, before reading anything', async () => {
    execFileSync('mkfifo', [join(project, '.openclawrc')]);
    await expect(findProjectConfig(project)).rejects.toMatchObject({ code: 'CONFIG_PARSE_ERROR', message: `Cannot read config file: ${join(project, '.openclawrc')} is not a regular file.` });
    rmSync(join(project, '.openclawrc'));
    symlinkSync('/dev/zero', join(project, '.openclawrc.json'));
    await expect(findProjectConfig(project)).rejects.toMatchObject({ code: 'CONFIG_PARSE_ERROR', message: expect.stringContaining('.openclawrc.json is not a regular file') });
  });

  it('refuses an rc file over 1 MiB', async () => {
    writeFileSync(join(project, 'openclaw.config.json'), `{"meta":"${'x'.repeat(1024 * 1024)}"}`);
    await expect(findProjectConfig(project)).rejects.toMatchObject({ code: 'CONFIG_PARSE_ERROR', message: expect.stringContaining('more than the 1048576 it may have') });
  });

  it('refuses $import, which would read other files into the config', async () => {
    writeFileSync(join(project, '.openclawrc.json5'), "{ $import: '/etc/hostname', gateway: { port: 4000 } }");
    await expect(findProjectConfig(project)).rejects.toMatchObject({ code: 'CONFIG_PARSE_ERROR', message: expect.stringContaining('uses $import, which is not supported') });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'cloned', openclaw: { $import: '../x.json' } }));
    await expect(findProjectConfig(project)).rejects.toMatchObject({ code: 'CONFIG_PARSE_ERROR', message: expect.stringContaining('package.json uses $import') });
  });

  it('still finds a plain rc file', async () => {
    writeFileSync(join(project, '.openclawrc.json5'), '{ gateway: { port: 4000 } }');
    await expect(findProjectConfig(project)).resolves.toEqual({ path: join(project, '.openclawrc.json5'), raw: { gateway: { port: 4000 } } });
  });
});

describe('the state-dir config file', () => {
  it('is read only when it is a regular file: a FIFO gives CONFIG_PARSE_ERROR, not a hang', async () => {
    const stateDir = join(project, 'state');
    mkdirSync(stateDir);
    execFileSync('mkfifo', [join(stateDir, 'openclaw.json')]);
    await expect(loadConfig({ cwd: project, env: { OPENCLAW_STATE_DIR: stateDir } })).rejects.toMatchObject({
      code: 'CONFIG_PARSE_ERROR',
      message: `Cannot read config file: ${join(stateDir, 'openclaw.json')} is not a regular file.`,
    });
  });
});
