import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { call, openBus, type Bus } from './dbus-service.js';
import { BERLIN_NMEA } from './gpsfake.js';
import { poll } from './poll.js';
import { tempDir } from './temp-dir.js';

/** Where Debian's `geoclue-2.0` puts the daemon. */
export const GEOCLUE = '/usr/libexec/geoclue';
/** An agent id GeoClue's shipped config whitelists. */
const AGENT_ID = 'geoclue-demo-agent';

function started(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new Error(`${what} did not start: ${err.message}`)));
  });
}

/**
 * The real GeoClue2 daemon on a private bus: a `dbus-daemon` with the session policy on a
 * socket of its own, standing in for the system bus; an NMEA feed (the test log, a sentence
 * every 0.1 s) on a Unix socket that GeoClue reads (`-u`); and an authorization agent
 * registered from here, the part a desktop shell plays. `busAddress` is what a node would
 * have in `DBUS_SYSTEM_BUS_ADDRESS`.
 */
export async function startGeoclue() {
  const dir = tempDir('openclaw-geoclue-');
  const busAddress = `unix:path=${join(dir.path, 'bus')}`;
  const children: ChildProcess[] = [];
  const sentences = readFileSync(BERLIN_NMEA, 'utf8').split('\r\n').filter(Boolean);
  const feed: Server = createServer((socket) => {
    let i = 0;
    const timer = setInterval(() => socket.write(`${sentences[i++ % sentences.length]}\r\n`), 100);
    socket.on('close', () => clearInterval(timer));
    socket.on('error', () => undefined);
  });
  const nmeaSocket = join(dir.path, 'nmea.sock');
  await new Promise<void>((resolve) => feed.listen(nmeaSocket, resolve));
  const dbus = spawn('dbus-daemon', ['--session', '--nofork', `--address=${busAddress}`], { stdio: 'ignore' });
  children.push(dbus);
  await started(dbus, 'dbus-daemon');
  let agentBus: Bus | undefined;
  const stop = async () => {
    agentBus?.connection.end();
    for (const child of children.reverse()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => feed.close(resolve));
    dir.cleanup();
  };
  try {
    agentBus = await poll(() => openBus(busAddress, 1_000), 'the private bus');
    const geoclue = spawn(GEOCLUE, ['-t', '0', '-u', nmeaSocket], { stdio: 'ignore', env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: busAddress } });
    children.push(geoclue);
    await started(geoclue, 'geoclue');
    const bus = agentBus;
    bus.exportInterface(
      { AuthorizeApp: (_desktopId: string, level: number) => [true, level], MaxAccuracyLevel: 8 },
      '/org/freedesktop/GeoClue2/Agent',
      { name: 'org.freedesktop.GeoClue2.Agent', methods: { AuthorizeApp: ['su', 'bu', ['desktop_id', 'req_accuracy_level'], ['authorized', 'allowed_accuracy_level']] }, properties: { MaxAccuracyLevel: 'u' }, signals: {} },
    );
    await poll(
      () => call(bus, { destination: 'org.freedesktop.GeoClue2', path: '/org/freedesktop/GeoClue2/Manager', interface: 'org.freedesktop.GeoClue2.Manager', member: 'AddAgent', signature: 's', body: [AGENT_ID] }).then(() => true),
      'GeoClue on the private bus taking an agent',
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { busAddress, stop };
}
