import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, approveOverHttp, type TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { startHost } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { shareLocalProofOf } from '../support/local-proof.js';

/** Camera tests record with the real ffmpeg; without it they fail here rather than pass by skipping. */
export function requireFfmpeg(): void {
  for (const tool of ['ffmpeg', 'ffprobe']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error !== undefined) throw new Error(`${tool} is missing (apt-get install ffmpeg); the camera tests record with it`);
  }
}

/** A lavfi test pattern with a sine tone: a camera with a microphone. */
export const patternSource = (size = '320x240') => ({ id: 'pattern', name: 'Test Pattern', format: 'lavfi', input: `testsrc2=size=${size}:rate=15[out0];sine=frequency=440[out1]`, position: 'front' });

/**
 * A network camera: a second ffmpeg serving a test pattern as an MJPEG stream over HTTP on
 * loopback, in real time. ffmpeg's HTTP server takes one client, so it is started again
 * whenever a client has gone.
 */
export function servedCamera(port: number) {
  let child: ChildProcess | undefined;
  let stopped = false;
  const start = () => {
    if (stopped) return;
    child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'quiet', '-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'mpjpeg', '-listen', '1', `http://127.0.0.1:${port}/cam.mjpg`], { stdio: 'ignore' });
    child.once('exit', () => setTimeout(start, 20));
  };
  start();
  return {
    /**
     * Resolves once a server is listening again. Probing by connecting would take the one
     * client ffmpeg serves, so this reads the kernel's socket table instead.
     */
    listening: () => poll(async () => (listeningOn(port) ? true : undefined), `the served camera listening on ${port}`),
    source: { id: 'net', name: 'Network Camera', format: 'mpjpeg', input: `http://127.0.0.1:${port}/cam.mjpg`, position: 'back' },
    stop() {
      stopped = true;
      child?.kill('SIGKILL');
    },
  };
}

/** Whether something listens on 127.0.0.1:`port` (IPv4, from /proc/net/tcp; state 0A is LISTEN). */
function listeningOn(port: number): boolean {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').some((line) => line.trim().split(/\s+/)[1] === local && line.trim().split(/\s+/)[3] === '0A');
}

/**
 * A directory to put first on a node's PATH: its `ffmpeg` and `ffprobe` note the environment
 * they were started with in `<dir>/<tool>.env`, then run the real program.
 */
export function envSpyPath(dir: string): string {
  const bin = join(dir, 'spy-bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['ffmpeg', 'ffprobe']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\nenv > "${join(dir, `${tool}.env`)}"\nexec /usr/bin/${tool} "$@"\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

/** A headless node host process (`openclaw node run`) whose openclaw.json holds `camera` options. */
export function startCameraNode(home: string, port: number, displayName: string, camera: unknown, env: NodeJS.ProcessEnv = {}) {
  const state = join(home, displayName.replace(/\W/g, '-'));
  mkdirSync(state, { recursive: true });
  shareLocalProofOf(port, state);
  writeFileSync(join(state, 'openclaw.json'), JSON.stringify({ plugins: { enabled: ['system', 'camera'], options: { camera } } }), { mode: 0o600 });
  const nodeEnv = { ...process.env, HOME: home, OPENCLAW_STATE_DIR: state, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, ...env };
  return startHost('node', ['--port', String(port), '--display-name', displayName], nodeEnv, /connected to ws:/);
}

/** `startCameraNode` against `gw`, paired and approved, once the gateway routes its camera commands. */
export async function startApprovedCameraNode(gw: TestGateway, home: string, displayName: string, camera: unknown, env: NodeJS.ProcessEnv = {}) {
  const node = startCameraNode(home, Number(new URL(gw.url).port), displayName, camera, env);
  await node.started;
  await approveOverHttp(gw, displayName);
  const path = `/v1/nodes/${encodeURIComponent(displayName)}`;
  await poll(async () => ((await api(gw, path)).json?.commands?.includes('camera.list') ? true : undefined), 'camera commands approved');
  return node;
}
