import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { startPrivateBus, stopChild } from '../support/private-bus.js';
import { poll } from '../support/poll.js';

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

function requireProgram(program: string, pkg: string): void {
  if (spawnSync(program, ['--version'], { stdio: 'ignore' }).error !== undefined) {
    throw new Error(`${program} is not installed (apt-get install ${pkg}); the notify tests talk to a real notification daemon`);
  }
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
 * A private session bus with dunst on an Xvfb display: a real
 * freedesktop notification service that no other test or desktop shares.
 */
export async function startNotificationDesktop() {
  requireProgram('dunst', 'dunst');
  const bus = await startPrivateBus('session');
  const address = bus.address;
  const xvfb: Xvfb = await startXvfb('800x600x24');
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, DISPLAY: xvfb.display };
  writeFileSync(join(bus.dir, 'dunstrc'), DUNSTRC);
  let dunst: ChildProcess | undefined;
  const dunstctl = async (...args: string[]) => (await run('dunstctl', args, { env, timeout: 10_000 })).stdout;

  return {
    address,
    /** The Xvfb display dunst draws on (a canvas window may use it too). */
    display: xvfb.display,
    /** Starts dunst and waits until it owns org.freedesktop.Notifications. */
    async startDunst(): Promise<void> {
      dunst = spawn('dunst', ['-config', join(bus.dir, 'dunstrc')], { env, stdio: 'ignore' });
      await poll(async () => (await dunstctl('count')) || undefined, 'dunst taking the notification service');
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
      await bus.stop();
    },
  };
}
