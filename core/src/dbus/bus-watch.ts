import { DbusClient } from './dbus-client.js';
import type { DbusSignalMatch } from './match-rule.js';

/** What a watch reports: a matching signal, the bus going away, or the bus back (and watched again). */
export type BusChange = 'signal' | 'lost' | 'back';

export interface BusWatchOptions {
  /** How long to wait before connecting again after the bus went away or could not be reached, ms. */
  readonly retryMs: number;
  /** How long the bus may take to accept each match rule, ms. */
  readonly timeoutMs: number;
}

/**
 * Watches one bus for signals that may change what a plugin can offer (a service's name
 * changing owner, a device object added or removed) and calls `onChange` for each, for the bus
 * itself going away, and for the bus coming back: while it is gone, a connection is tried again
 * every `retryMs`, so a watch outlives a bus restart without polling the service itself.
 *
 * @example
 * const watch = new BusWatch(address, 'session bus', [{ sender: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus',
 *   interface: 'org.freedesktop.DBus', member: 'NameOwnerChanged', arg0: 'org.freedesktop.Notifications' }], changed, { retryMs: 5_000, timeoutMs: 2_000 });
 * watch.start();
 * watch.stop();
 */
export class BusWatch {
  #client: DbusClient | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly address: string | undefined,
    private readonly name: string,
    private readonly matches: readonly DbusSignalMatch[],
    private readonly onChange: (change: BusChange) => void,
    private readonly options: BusWatchOptions,
  ) {}

  /** Connects and subscribes in the background; never throws. */
  start(): void {
    this.#stopped = false;
    void this.#connect(false);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#client?.close();
    this.#client = undefined;
  }

  /** `report`: the bus was unreachable before, so being back is itself a change. */
  async #connect(report: boolean): Promise<void> {
    if (this.#stopped) return;
    const client = DbusClient.connect(this.address, this.name);
    this.#client = client;
    try {
      for (const match of this.matches) await client.subscribe(match, () => this.#changed(client, 'signal'), this.options.timeoutMs);
    } catch {
      client.close();
      this.#retry();
      return;
    }
    if (report) this.#changed(client, 'back');
    client.onFailure(() => {
      if (this.#stopped || this.#client !== client) return;
      this.onChange('lost');
      this.#retry();
    });
  }

  #changed(client: DbusClient, change: BusChange): void {
    if (!this.#stopped && this.#client === client) this.onChange(change);
  }

  #retry(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(true), this.options.retryMs);
    this.#timer.unref();
  }
}
