import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import { tempDir } from '../support/temp-dir.js';
import { api, type TestGateway } from '../http/http-kit.js';
import { requireFfmpeg, startApprovedCameraNode } from './camera-fixtures.js';

// A network camera configured with a password in its URL, on a port where nothing listens:
// ffmpeg fails and quotes the URL; operators and logs must not learn the password.
let gw: TestGateway;
let home: { path: string; cleanup: () => void };
let node: Awaited<ReturnType<typeof startApprovedCameraNode>>;
let input: string;

const invoke = (command: string, params: unknown) => api(gw, '/v1/nodes/Locked%20Node/invoke', { method: 'POST', body: { command, params } });

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-camera-cred-');
  input = `http://admin:hunter2@127.0.0.1:${await freePort()}/stream?token=s3cr3t-token`;
  gw = await startTestGateway({ commands: { allow: ['camera.snap', 'camera.clip'] } });
  const source = { id: 'door', name: 'Door', format: 'mpjpeg', input, position: 'back' };
  node = await startApprovedCameraNode(gw, home.path, 'Locked Node', { enabled: true, devices: false, sources: [source] });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await gw?.stop();
  home?.cleanup();
});

describe('a camera URL with credentials', () => {
  it('fails snap and clip with the reason and the URL masked, in answers, camera.list and the node log', async () => {
    for (const [command, params] of [['camera.snap', { deviceId: 'door' }], ['camera.clip', { deviceId: 'door', durationMs: 500, includeAudio: false }]] as const) {
      const res = await invoke(command, params);
      const text = JSON.stringify(res.json);
      expect(res.json.error?.message, text).toMatch(/^CAMERA_UNAVAILABLE: could not capture from Door \(door\): .*Connection refused/);
      expect(text).toContain('http://***@127.0.0.1');
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('s3cr3t-token');
    }
    const list = await invoke('camera.list', {});
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).not.toMatch(/hunter2|s3cr3t/);
    expect(node.output()).not.toMatch(/hunter2|s3cr3t/);
  });
});
