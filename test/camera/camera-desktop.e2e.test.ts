import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, startDesktopNode } from '../canvas/desktop-node.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import type { RawClient } from '../support/raw-client.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let op: RawClient;
let desk: Awaited<ReturnType<typeof startDesktopNode>>;

beforeAll(async () => {
  gw = await startTestGateway();
  op = await operator(gw.url);
  // No display: the canvas answers NODE_BACKGROUND_UNAVAILABLE, the camera needs none.
  desk = await startDesktopNode(gw.url, op, { PATH: process.env.PATH }, 'Camera Desk');
}, 60_000);

afterAll(async () => {
  await desk?.stop();
  op?.close();
  await gw?.stop();
});

describe('the desktop node host and the camera', () => {
  it('composes the camera by default, off until enabled by option, with no display needed', async () => {
    const { payload } = await op.request('node.describe', { nodeId: desk.nodeId });
    expect(payload.caps).toEqual(expect.arrayContaining(['canvas', 'camera']));
    // camera.snap and camera.clip are declared too; this gateway does not allow them, so it lists only camera.list.
    expect(payload.commands).toContain('camera.list');
    expect(payload.permissions).toMatchObject({ 'camera.capture': false, microphone: false });
    const list = await desk.invoke('camera.list', {});
    expect(list.error.details.nodeError).toEqual({ code: 'CAMERA_DISABLED', message: 'CAMERA_DISABLED: enable the camera in plugins.options.camera.enabled on this node' });
  });
});
