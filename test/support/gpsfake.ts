import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { poll } from './poll.js';

/** A fix every 0.3 s: ten seconds of Alexanderplatz, looped (see the file for the figures). */
export const BERLIN_NMEA = fileURLToPath(new URL('../fixtures/location/berlin.nmea', import.meta.url));

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * A real gpsd fed by gpsfake (Debian `gpsd-clients`) from an NMEA log, on a port of its own so
 * tests run side by side. `pause()` stops the feed while gpsd keeps running (SIGSTOP to
 * gpsfake alone), `resume()` restarts it; `stop()` ends gpsfake and its gpsd (their group).
 */
export async function startGpsfake(log = BERLIN_NMEA) {
  const port = await freePort();
  // -n: gpsd reads the feed before any client connects, so the first call finds a warm fix.
  const child = spawn('gpsfake', ['-q', '-n', '-c', '0.1', '-P', String(port), log], { stdio: 'ignore', detached: true });
  let exited = false;
  child.once('exit', () => (exited = true));
  await poll(async () => (exited ? Promise.reject(new Error('gpsfake exited')) : (await accepts(port)) || undefined), `gpsd on port ${port}`);
  return {
    port,
    address: `127.0.0.1:${port}`,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(-child.pid!, 'SIGCONT');
      process.kill(-child.pid!, 'SIGTERM');
      await gone;
    },
  };
}
