/**
 * @module
 * `system.notify` round trip with real processes on loopback: a private session bus
 * (dbus-daemon, no activation), dunst on Xvfb, our gateway, our headless node host with the
 * notify plugin enabled, and an operator in this process. Measures invoke through the gateway
 * → node → org.freedesktop.Notifications.Notify over D-Bus → dunst → back.
 * Needs dbus, dunst and Xvfb (apt-get install dbus dunst xvfb) and fails without them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/measure.js';
import { cleanUp, freePort, operator, result, startOpenclaw, until, shareGatewayProof } from './lib/processes.js';
import { startXvfb } from './lib/xvfb.js';

const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_NOTIFICATIONS ?? 200);

for (const [program, pkg] of [['dbus-daemon', 'dbus'], ['dunst', 'dunst'], ['dunstctl', 'dunst']]) {
  if (spawnSync(program, ['--version'], { stdio: 'ignore' }).error) throw new Error(`${program} is missing: apt-get install ${pkg}`);
}
if (spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error) throw new Error('Xvfb is missing: apt-get install xvfb');

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-notify-'));
const children = [];
try {
  const socket = join(root, 'bus');
  writeFileSync(
    join(root, 'bus.conf'),
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${socket}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>\n`,
  );
  const bus = spawn('dbus-daemon', [`--config-file=${join(root, 'bus.conf')}`, '--nofork'], { stdio: 'ignore' });
  children.push(bus);
  const address = `unix:path=${socket}`;
  const xvfb = await startXvfb('800x600x24');
  children.push(xvfb.child);
  const env = { DBUS_SESSION_BUS_ADDRESS: address, DISPLAY: xvfb.display };
  await until(async () => (spawnSync('dbus-send', ['--bus=' + address, '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames']).status === 0 ? true : undefined));
  // Each notification expires after 1 s and at most 3 are shown (the rest wait in dunst's
  // queue): 200 calls in a few seconds would otherwise stack dozens on screen, and dunst's
  // redraw of all of them (p50 2.6 ms for 20 calls, 25 ms for 60, 57 ms for 200) is what
  // the figure would measure.
  writeFileSync(join(root, 'dunstrc'), '[global]\n    history_length = 5\n    notification_limit = 3\n[urgency_low]\n    timeout = 1\n');
  children.push(spawn('dunst', ['-config', join(root, 'dunstrc')], { env: { ...process.env, ...env }, stdio: 'ignore' }));
  await until(async () => (spawnSync('dunstctl', ['count'], { env: { ...process.env, ...env } }).status === 0 ? true : undefined));

  const port = await freePort();
  children.push(
    await startOpenclaw(['gateway', 'run', '--port', String(port), '--token', TOKEN], {
      env: { OPENCLAW_STATE_DIR: join(root, 'gw'), HOME: root },
      ready: (out) => out.includes('listening'),
    }),
  );
  mkdirSync(join(root, 'node'));
  writeFileSync(join(root, 'node', 'openclaw.json'), JSON.stringify({ plugins: { enabled: ['system', 'notify'], options: { notify: { maxPerMinute: 600 } } } }));
  shareGatewayProof(root);
  children.push(
    await startOpenclaw(['node', 'run', '--port', String(port), '--display-name', 'bench-notify'], {
      env: { OPENCLAW_STATE_DIR: join(root, 'node'), OPENCLAW_GATEWAY_TOKEN: TOKEN, HOME: root, ...env },
      ready: (out) => out.includes('connected'),
    }),
  );

  const op = await operator(`ws://127.0.0.1:${port}`, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).pending[0]);
  await op.request('node.pair.approve', { requestId: pending.requestId });
  const nodeId = pending.nodeId;
  const notify = (i) => op.request('node.invoke', { nodeId, command: 'system.notify', params: { title: `bench ${i}`, body: 'round trip', priority: 'passive' }, idempotencyKey: randomUUID() });
  await until(async () => ((await notify(-1).catch(() => undefined)) ? true : undefined));

  for (let i = 0; i < 10; i++) await notify(i);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await notify(i);
    samples.push(performance.now() - t0);
  }
  result('system.notify', 'ms', quantile(samples, 0.5), quantile(samples, 0.9), RUNS, '<= 30', {
    path: 'operator -> gateway -> node host -> D-Bus Notify -> dunst -> back',
  });
  op.close();
} finally {
  await cleanUp(children, root);
}

