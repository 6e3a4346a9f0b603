import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { runCli } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { api, type TestGateway } from '../http/http-kit.js';
import { patternSource, requireFfmpeg, startApprovedCameraNode } from './camera-fixtures.js';

let gw: TestGateway;
let home: { path: string; cleanup: () => void };
let node: Awaited<ReturnType<typeof startApprovedCameraNode>>;

const invoke = (command: string, params: unknown = {}) => api(gw, '/v1/nodes/Off%20Cam/invoke', { method: 'POST', body: { command, params } });

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-camera-gates-');
  // No gateway.nodes.commands.allow: camera.snap and camera.clip stay refused.
  gw = await startTestGateway();
  node = await startApprovedCameraNode(gw, home.path, 'Off Cam', { sources: [patternSource()] });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await gw?.stop();
  home?.cleanup();
});

describe('camera gates', () => {
  it('a camera not enabled by option answers CAMERA_DISABLED and reports it may not capture', async () => {
    expect((await api(gw, '/v1/nodes/Off%20Cam')).json.permissions).toMatchObject({ 'camera.capture': false, microphone: false });
    const list = await invoke('camera.list');
    expect(list.json.error.details.nodeError).toEqual({ code: 'CAMERA_DISABLED', message: 'CAMERA_DISABLED: enable the camera in plugins.options.camera.enabled on this node' });
    const cli = await runCli(['nodes', 'camera', 'list', '--node', 'Off Cam', '--url', gw.url, '--token', TEST_TOKEN], { ...process.env, HOME: home.path, OPENCLAW_STATE_DIR: join(home.path, 'cli') });
    expect(cli).toMatchObject({ code: 1, stderr: 'nodes camera list failed: CAMERA_DISABLED: enable the camera in plugins.options.camera.enabled on this node\n' });
  });

  it('refuses camera.snap and camera.clip at the gateway until gateway.nodes.commands.allow names them', async () => {
    for (const command of ['camera.snap', 'camera.clip']) {
      const refused = await invoke(command);
      expect(refused.status, command).toBe(403);
      expect(refused.json.error.details?.nodeError, command).toBeUndefined();
      expect(refused.json.error.message, command).toMatch(/not allowed/);
    }
  });
});
