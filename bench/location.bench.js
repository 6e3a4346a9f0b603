/**
 * @module
 * `location.get` with a warm gpsd, through real processes on loopback: gpsd fed by gpsfake
 * (Debian `gpsd-clients`) from the test NMEA log, our gateway, our headless node host with
 * the location plugin on, and an operator in this process (no CLI). Each call asks for a
 * current fix (no `maxAgeMs`): the node's watch on gpsd already holds it, so the figure is
 * the round trip operator -> gateway -> node -> back. Target p50 <= 20 ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/measure.js';
import { freePort, operator, result, startGateway, startOpenclaw, until, shareGatewayProof } from './lib/processes.js';

const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_LOCATION_RUNS ?? 300);
const NMEA = fileURLToPath(new URL('../test/fixtures/location/berlin.nmea', import.meta.url));

if (spawnSync('gpsfake', ['-h'], { stdio: 'ignore' }).error) throw new Error('gpsfake is missing: apt-get install gpsd gpsd-clients');

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-location-'));
const children = [];
let gpsfake;
try {
  const gpsdPort = await freePort();
  // Its own process group, so gpsfake and the gpsd it starts end together.
  gpsfake = spawn('gpsfake', ['-q', '-n', '-c', '0.1', '-P', String(gpsdPort), NMEA], { stdio: 'ignore', detached: true });
  const port = await freePort();
  children.push(await startGateway(root, port, TOKEN));
  mkdirSync(join(root, 'node'));
  const location = { mode: 'whileUsing', gpsd: `127.0.0.1:${gpsdPort}`, adapters: ['gpsd'] };
  writeFileSync(join(root, 'node', 'openclaw.json'), JSON.stringify({ plugins: { enabled: ['system', 'location'], options: { location } } }));
  shareGatewayProof(root);
  children.push(
    await startOpenclaw(['node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', 'bench-gps'], {
      env: { OPENCLAW_STATE_DIR: join(root, 'node'), OPENCLAW_GATEWAY_TOKEN: TOKEN, HOME: root },
      ready: (out) => out.includes('connected'),
    }),
  );
  const op = await operator(`ws://127.0.0.1:${port}`, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).pending[0]);
  await op.request('node.pair.approve', { requestId: pending.requestId });
  const get = () => op.request('node.invoke', { nodeId: pending.nodeId, command: 'location.get', params: {}, idempotencyKey: randomUUID() });
  // Warm: gpsd up, the node's watch open and holding a fix.
  await until(async () => ((await get().catch(() => undefined)) ? true : undefined), 20_000);
  for (let i = 0; i < 20; i++) await get();
  const samples = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await get();
    samples.push(performance.now() - t0);
  }
  result('location.get.warm-gpsd', 'ms', quantile(samples, 0.5), quantile(samples, 0.9), RUNS, '<= 20', {
    fix: `${last.payload.lat},${last.payload.lon} ±${last.payload.accuracyMeters}m`,
    path: 'operator -> gateway -> node (gpsd watch) -> back',
  });
  op.close();
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM');
  if (gpsfake?.pid) process.kill(-gpsfake.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(root, { recursive: true, force: true });
}
