import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openclawTempDir } from '@openclaw-nodes/core/media';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { api, type TestGateway } from '../http/http-kit.js';
import { patternSource, requireFfmpeg, startApprovedCameraNode, startCameraNode } from './camera-fixtures.js';

// A node host killed while it records leaves the capture's temp dir; the next start of the
// camera plugin removes it, and leaves alone the dirs of captures still running elsewhere.
let gw: TestGateway;
let home: { path: string; cleanup: () => void };
const nodes: Array<ReturnType<typeof startCameraNode>> = [];
const camera = { enabled: true, devices: false, sources: [patternSource()] };
const tmp = openclawTempDir();
const captureDirs = (pid: number) => readdirSync(tmp).filter((name) => name.startsWith(`openclaw-camera-${pid}-`));

beforeAll(async () => {
  requireFfmpeg();
  home = tempDir('openclaw-camera-leftovers-');
  gw = await startTestGateway({ commands: { allow: ['camera.clip'] } });
}, 60_000);

afterAll(async () => {
  for (const node of nodes) await node.stop();
  await gw?.stop();
  home?.cleanup();
});

describe('camera capture temp dirs', () => {
  it('are removed at the next start after the node was killed mid-recording; a live process keeps its own', { timeout: 120_000 }, async () => {
    const first = await startApprovedCameraNode(gw, home.path, 'Leftover Node', camera);
    nodes.push(first);
    const pid = first.child.pid!;
    void api(gw, '/v1/nodes/Leftover%20Node/invoke', { method: 'POST', body: { command: 'camera.clip', params: { deviceId: 'pattern', durationMs: 30_000 } } }).catch(() => undefined);
    await poll(async () => (captureDirs(pid).length === 1 ? true : undefined), 'the recording temp dir', { timeoutMs: 30_000 });
    first.child.kill('SIGKILL');
    await poll(async () => (first.child.exitCode !== null || first.child.signalCode !== null ? true : undefined), 'the node gone');
    expect(captureDirs(pid)).toHaveLength(1);
    // A capture dir of a process that is alive (this test runner) is not the new node's to remove.
    const live = join(tmp, `openclaw-camera-${process.pid}-keepme`);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'clip.mp4'), 'x');

    const again = startCameraNode(home.path, Number(new URL(gw.url).port), 'Leftover Node', camera);
    nodes.push(again);
    await again.started;
    await poll(async () => (captureDirs(pid).length === 0 ? true : undefined), 'the killed node\'s temp dir removed', { timeoutMs: 30_000 });
    expect(existsSync(join(live, 'clip.mp4'))).toBe(true);
    rmSync(live, { recursive: true, force: true });
  });
});
