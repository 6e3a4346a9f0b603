import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);

/**
 * dunst keeps each urgency's timeout in its history; this config gives each urgency its own
 * (seconds), so a test reads the urgency a notification arrived with from what dunst recorded.
 * Long enough that nothing expires during a test.
 */
export const URGENCY_TIMEOUT_S = { low: 1001, normal: 1002, critical: 1003 } as const;
const DUNSTRC = Object.entries(URGENCY_TIMEOUT_S)
  .map(([urgency, seconds]) => `[urgency_${urgency}]\n    timeout = ${seconds}\n`)
  .join('');

/**
 * A session bus with no service directories: nothing is started on demand (Debian's dunst
 * package installs an activation file), so "no notification service" really means none.
 */
const busConfig = (socket: string) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`;

function require(program: string, pkg: string): void {
  if (spawnSync(program, ['--version'], { stdio: 'ignore' }).error !== undefined) {
    throw new Error(`${program} is not installed (apt-get install ${pkg}); the notify tests talk to a real notification daemon`);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What dunst recorded of one notification (`dunstctl history`). */
export interface DunstEntry {
  appname: string;
  summary: string;
  body: string;
  /** The Pango markup dunst drew: what the person saw, links and images included. */
  message: string;
  /** Microseconds: 1001 s for low urgency, 1002 s normal, 1003 s critical (see URGENCY_TIMEOUT_S). */
  timeout: number;
}

/**
 * A private session bus (`dbus-daemon --session`) with dunst on an Xvfb display: a real
 * freedesktop notification service that no other test or desktop shares.
 */
export async function startNotificationDesktop() {
  require('dbus-daemon', 'dbus');
  require('dunst', 'dunst');
  const dir = tempDir('oc-notify-bus-');
  const socket = join(dir.path, 'bus');
  writeFileSync(join(dir.path, 'bus.conf'), busConfig(socket));
  const bus = spawn('dbus-daemon', [`--config-file=${join(dir.path, 'bus.conf')}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not print its address within 10 s')), 10_000);
    bus.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited ${code}`)));
  });
  const xvfb: Xvfb = await startXvfb('800x600x24');
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, DISPLAY: xvfb.display };
  writeFileSync(join(dir.path, 'dunstrc'), DUNSTRC);
  let dunst: ChildProcess | undefined;
  const dunstctl = async (...args: string[]) => (await run('dunstctl', args, { env, timeout: 10_000 })).stdout;

  return {
    address,
    socket,
    /** The Xvfb display dunst draws on (a canvas window may use it too). */
    display: xvfb.display,
    /** Starts dunst and waits until it owns org.freedesktop.Notifications. */
    async startDunst(): Promise<void> {
      dunst = spawn('dunst', ['-config', join(dir.path, 'dunstrc')], { env, stdio: 'ignore' });
      const end = Date.now() + 10_000;
      while ((await dunstctl('count').catch(() => '')) === '') {
        if (Date.now() > end) throw new Error('dunst did not take the notification service within 10 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stopDunst(): Promise<void> {
      if (dunst !== undefined) await stopChild(dunst);
      dunst = undefined;
    },
    /** Every notification dunst received, newest first (shown ones are closed into the history first). */
    async history(): Promise<DunstEntry[]> {
      await dunstctl('close-all');
      const parsed = JSON.parse(await dunstctl('history')) as { data: Array<Array<Record<string, { data: unknown }>>> };
      return parsed.data[0].map((n) => ({ appname: String(n.appname.data), summary: String(n.summary.data), body: String(n.body.data), message: String(n.message.data), timeout: Number(n.timeout.data) }));
    },
    async stop(): Promise<void> {
      if (dunst !== undefined) await stopChild(dunst);
      await xvfb.stop();
      await stopChild(bus);
      dir.cleanup();
    },
  };
}
