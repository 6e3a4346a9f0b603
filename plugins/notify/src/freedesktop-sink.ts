import { existsSync } from 'node:fs';
import { BusWatch, DbusClient, DbusError, type DbusCall } from '@openclaw-nodes/core/dbus';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Priority } from './commands.js';
import type { Notification, NotificationSink } from './notification-sink.js';

const SERVICE = { destination: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications', interface: 'org.freedesktop.Notifications' } as const;

/** Desktop Notifications spec urgency levels: low, normal, critical. */
export const URGENCY: Readonly<Record<Priority, number>> = { passive: 0, active: 1, timeSensitive: 2 };

/**
 * While the session bus is gone, how often a connection to it is tried again (ms): the only
 * polling there is; a daemon coming and going is told by the bus itself (NameOwnerChanged).
 */
const BUS_RETRY_MS = 5_000;

/** Sound names iOS treats as "no sound" (COMMANDS.md 2.3). */
const SILENT = new Set(['none', 'silent', 'off', 'false', '0']);

/**
 * The session bus a node host talks to: the configured address, else the host's
 * `DBUS_SESSION_BUS_ADDRESS`, else the systemd user bus (`/run/user/<uid>/bus`) when it exists,
 * which is where a node host started as a service finds the desktop's notifications.
 */
export function sessionBusAddress(configured: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (configured !== undefined) return configured;
  if (env.DBUS_SESSION_BUS_ADDRESS) return env.DBUS_SESSION_BUS_ADDRESS;
  const uid = process.getuid?.();
  const userBus = uid === undefined ? undefined : `/run/user/${uid}/bus`;
  return userBus !== undefined && existsSync(userBus) ? `unix:path=${userBus}` : undefined;
}

/**
 * Escapes the characters the spec's body markup gives meaning to, so a body cannot carry links
 * or images. Always, not only where the server lists `body-markup`: dunst parses markup in
 * the body without listing it (and shows the escaped text as typed either way).
 */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `org.freedesktop.Notifications` on the session bus (dunst, mako, GNOME Shell, KDE Plasma,
 * xfce4-notifyd...). One connection, opened on first use and again after it fails, and one
 * more while watched, on which the bus tells when a notification daemon comes or goes.
 */
export class FreedesktopSink implements NotificationSink {
  #bus: DbusClient | undefined;
  #watch: BusWatch | undefined;

  constructor(
    private readonly address: string | undefined,
    private readonly appName: string,
    private readonly timeoutMs: number,
  ) {}

  async unavailableReason(): Promise<string | undefined> {
    try {
      await this.#call({ member: 'GetServerInformation' });
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  async show(n: Notification, signal: AbortSignal): Promise<void> {
    const hints: Array<[string, [string, unknown]]> = [['urgency', ['y', URGENCY[n.priority]]]];
    if (n.sound !== undefined && SILENT.has(n.sound.trim().toLowerCase())) hints.push(['suppress-sound', ['b', true]]);
    else if (n.sound !== undefined && n.sound.trim() !== '') hints.push(['sound-name', ['s', n.sound.trim()]]);
    // app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout (-1: the server's default).
    await this.#call({ member: 'Notify', signature: 'susssasa{sv}i', body: [this.appName, 0, '', n.title, escapeMarkup(n.body), [], hints, -1] }, signal);
  }

  watch(onChange: () => void): void {
    this.#watch?.stop();
    const owner = { sender: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameOwnerChanged', arg0: SERVICE.destination };
    this.#watch = new BusWatch(this.address, 'session bus', [owner], onChange, { retryMs: BUS_RETRY_MS, timeoutMs: this.timeoutMs });
    this.#watch.start();
  }

  close(): void {
    this.#watch?.stop();
    this.#watch = undefined;
    this.#bus?.close();
    this.#bus = undefined;
  }

  async #call(message: Omit<DbusCall, keyof typeof SERVICE>, signal?: AbortSignal): Promise<unknown[]> {
    if (this.#bus === undefined || this.#bus.failed) {
      this.#bus = DbusClient.connect(this.address, 'session bus');
    }
    try {
      return await this.#bus.call({ ...SERVICE, ...message }, this.timeoutMs, signal);
    } catch (err) {
      throw unavailable(err, this.#bus.label);
    }
  }
}

/** `UNAVAILABLE: no notification service on the session bus (…): <what failed>`. */
function unavailable(err: unknown, bus: string): OpenClawError {
  if (err instanceof DbusError && err.kind === 'remote' && err.dbusName === 'org.freedesktop.DBus.Error.ServiceUnknown') {
    return new OpenClawError('UNAVAILABLE', `UNAVAILABLE: no notification service (org.freedesktop.Notifications) on the ${bus}: start a notification daemon such as dunst`, { cause: err });
  }
  return new OpenClawError('UNAVAILABLE', `UNAVAILABLE: the notification service failed: ${(err as Error).message}`, { cause: err });
}
