import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrivateBus, stopChild } from '../support/private-bus.js';

const SCRIPT = fileURLToPath(new URL('../fixtures/modemmanager/fake-modemmanager.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

/**
 * A private system bus (dbus-daemon, no activation) with the ModemManager stand-in of
 * test/fixtures/modemmanager on it: no modem is needed, and the stand-in speaks D-Bus through
 * libdbus, not through the client under test. Needs dbus, python3-dbus and python3-gi.
 */
export async function startFakeModemManager() {
  if (spawnSync(PYTHON, ['-c', 'import dbus, dbus.service; from gi.repository import GLib'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('python3-dbus and python3-gi are needed (apt-get install python3-dbus python3-gi); the ModemManager tests run a stand-in on them');
  }
  const bus = await startPrivateBus('system');
  const address = bus.address;
  const log = join(bus.dir, 'sent.jsonl');
  const mm = spawn(PYTHON, [SCRIPT, log, address], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    mm.stdout!.once('data', () => resolve());
    mm.once('exit', (code) => reject(new Error(`the ModemManager stand-in exited ${code}`)));
  });
  return {
    address,
    /** Every message the stand-in sent, in order. */
    sent(): Array<{ number: string; text: string }> {
      try {
        return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      } catch {
        return [];
      }
    },
    /** Takes the modem away (InterfacesRemoved), as ModemManager does when it is unplugged. */
    unplug: () => void mm.kill('SIGUSR1'),
    /** Brings it back (InterfacesAdded). */
    plug: () => void mm.kill('SIGUSR2'),
    async stop(): Promise<void> {
      await stopChild(mm);
      await bus.stop();
    },
  };
}
