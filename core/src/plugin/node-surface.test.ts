import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHost, makePlugin } from '../../../test/fixtures/plugins/plugin-factories.js';
import { rootContainer } from '../di.js';
import { NodeSurface } from './node-surface.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const distUrl = (file: string) => pathToFileURL(`${repoRoot}core/dist/${file}`).href;

describe('NodeSurface', () => {
  it('claims the caps and commands of running plugins, and permissions only when some are reported', async () => {
    const container = rootContainer.createChildContainer();
    const host = makeHost({ container });
    host.load([makePlugin('echo', { caps: ['echo', 'talk'] })]);
    await host.start();
    await expect(container.resolve(NodeSurface).claims()).resolves.toEqual({ caps: ['echo', 'talk'], commands: ['echo.ping'] });
  });
});

describe('the built core (tsc output, plain Node, no test runner)', () => {
  let report: { paramtypes: string[]; claims: unknown; timersAfterStart: number };

  beforeAll(() => {
    // Incremental: cheap when core/dist is current.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    try {
      execFileSync(process.execPath, [tsc, '-b', 'core'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      throw new Error(`core does not build, so its output cannot be checked:\n${(err as { stdout?: string }).stdout ?? err}`);
    }
    const script = `
      import { rootContainer } from ${JSON.stringify(distUrl('di.js'))};
      import { CORE_VERSION, NodeSurface, PluginHost } from ${JSON.stringify(distUrl('plugin.js'))};
      const container = rootContainer.createChildContainer();
      const host = new PluginHost({ container, hostVersion: CORE_VERSION, hostKind: 'node', side: 'node', startTimeoutMs: 120000 });
      host.load([{ name: 'probe', version: '1.0.0', caps: ['probe'], commands: [],
        node: { handlers: () => ({}), start: () => {}, permissions: () => ({ 'probe.read': true }) } }]);
      await host.start();
      const timersAfterStart = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const claims = await container.resolve(NodeSurface).claims();
      const paramtypes = (Reflect.getMetadata('design:paramtypes', NodeSurface) ?? []).map((t) => t.name);
      console.log(JSON.stringify({ paramtypes, claims, timersAfterStart }));
      process.exit(0);
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
    report = JSON.parse(out);
  });

  it('keeps design:paramtypes on decorated classes, so constructor injection works', () => {
    expect(report.paramtypes).toEqual(['PluginHost']);
    expect(report.claims).toEqual({ caps: ['probe'], commands: [], permissions: { 'probe.read': true } });
  });

  it('leaves no start timer behind that would keep a node host process alive', () => {
    expect(report.timersAfterStart).toBe(0);
  });
});
