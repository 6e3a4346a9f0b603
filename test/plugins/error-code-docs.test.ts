import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PluginDefinition } from '@openclaw-nodes/core/plugin';
import { canvasGatewayPlugin } from '@openclaw-nodes/plugin-canvas/gateway';
import { cameraGatewayPlugin } from '@openclaw-nodes/plugin-camera/gateway';
import { locationGatewayPlugin } from '@openclaw-nodes/plugin-location/gateway';
import { screenGatewayPlugin } from '@openclaw-nodes/plugin-screen/gateway';
import systemPlugin from '@openclaw-nodes/plugin-system';
import { notifyGatewayPlugin } from '@openclaw-nodes/plugin-notify/gateway';
import { smsGatewayPlugin } from '@openclaw-nodes/plugin-sms/gateway';
import { describe, expect, it } from 'vitest';

// Plain JavaScript, imported as the hosts do: by URL, typed by the contract it claims to meet.
const echoEntry = new URL('../fixtures/packages/openclaw-plugin-echo/index.js', import.meta.url);
const { default: echoPlugin } = (await import(echoEntry.href)) as { default: PluginDefinition };
const notesEntry = new URL('../../docs/examples/openclaw-plugin-notes/index.js', import.meta.url);
const { default: notesPlugin } = (await import(notesEntry.href)) as { default: PluginDefinition };

/** The `| code | wire | status | clients match | meaning |` rows of a plugin README. */
function readmeRows(readme: URL): Record<string, { wire: string; status: number; matchable: boolean; summary: string }> {
  const text = readFileSync(readme, 'utf8');
  const rows: Record<string, { wire: string; status: number; matchable: boolean; summary: string }> = {};
  for (const m of text.matchAll(/^\| `([A-Z0-9_]+)` \| `([A-Z_]+)` \| (\d+) \| (yes|no) \| (.+) \|$/gm)) {
    rows[m[1]] = { wire: m[2], status: Number(m[3]), matchable: m[4] === 'yes', summary: m[5] };
  }
  return rows;
}

const plugins: Array<[string, PluginDefinition, URL]> = [
  ['canvas', canvasGatewayPlugin, new URL('../../plugins/canvas/README.md', import.meta.url)],
  ['camera', cameraGatewayPlugin, new URL('../../plugins/camera/README.md', import.meta.url)],
  ['system', systemPlugin, new URL('../../plugins/system/README.md', import.meta.url)],
  ['location', locationGatewayPlugin, new URL('../../plugins/location/README.md', import.meta.url)],
  ['screen', screenGatewayPlugin, new URL('../../plugins/screen/README.md', import.meta.url)],
  ['notify', notifyGatewayPlugin, new URL('../../plugins/notify/README.md', import.meta.url)],
  ['sms', smsGatewayPlugin, new URL('../../plugins/sms/README.md', import.meta.url)],
  ['the third-party echo fixture', echoPlugin, new URL('../fixtures/packages/openclaw-plugin-echo/README.md', import.meta.url)],
  ['the worked example of docs/plugins.md', notesPlugin, new URL('../../docs/examples/openclaw-plugin-notes/README.md', import.meta.url)],
];

describe('plugin error codes and their READMEs', () => {
  it.each(plugins)('%s lists exactly the codes it declares, with the same wire code, status, matchability and meaning', (_name, plugin, readme) => {
    expect(readmeRows(readme), fileURLToPath(readme)).toEqual(plugin.errors ?? {});
  });
});
