import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRecorder } from '../support/load-recorder.js';

const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));
// Any file of a plugin package: the built-in canvas, camera, screen and location plugins or the third-party echo fixture.
const PLUGIN_CODE = /\/plugins\/(canvas|camera|screen|location)\/|\/plugin-(canvas|camera|screen|location)\/|\/openclaw-plugin-echo\//;
// Plugin discovery in node_modules: it reads package.json files, and short commands must not.
const DISCOVERY = /\/plugin\/discover-plugins\.(js|ts)$/;
// The CLI config loads a third-party plugin and enables one it must discover: still nothing of
// either may load, or be looked for, for short commands.
const { loadsOf, gatewayUrl } = loadRecorder({ plugins: { load: [echoPackage], enabled: ['echo', 'lamp'] } });

describe('short commands load no plugin code', () => {
  it('--version and nodes status load no plugin CLI entry, built-in or third-party', async () => {
    for (const [name, args] of [['version', ['--version']], ['status', ['nodes', 'status', '--json', '--url', gatewayUrl()]]] as const) {
      const loads = await loadsOf(name, [...args]);
      // The recorder works: the CLI's own entry is in the list.
      expect(loads.some((url) => url.includes('/hosts/cli/'))).toBe(true);
      expect(loads.filter((url) => PLUGIN_CODE.test(url))).toEqual([]);
      expect(loads.filter((url) => DISCOVERY.test(url))).toEqual([]);
    }
  });

  it('nodes --help loads the CLI entries and only those, not the plugins themselves', async () => {
    const all = await loadsOf('help', ['nodes', '--help']);
    expect(all.some((url) => DISCOVERY.test(url))).toBe(true);
    const loads = all.filter((url) => PLUGIN_CODE.test(url));
    expect(loads.some((url) => /\/canvas\/(dist|src)\/cli\.(js|ts)$/.test(url))).toBe(true);
    expect(loads.some((url) => /\/camera\/(dist|src)\/cli\.(js|ts)$/.test(url))).toBe(true);
    expect(loads.some((url) => /\/location\/(dist|src)\/cli\.(js|ts)$/.test(url))).toBe(true);
    expect(loads.some((url) => /\/screen\/(dist|src)\/cli\.(js|ts)$/.test(url))).toBe(true);
    expect(loads.some((url) => url.endsWith('/openclaw-plugin-echo/cli.js'))).toBe(true);
    expect(loads.filter((url) => !/\/cli\.(js|ts)$/.test(url))).toEqual([]);
  });
});
