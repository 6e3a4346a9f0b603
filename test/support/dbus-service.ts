import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { MessageBus } from '@homebridge/dbus-native';
import { parseBusAddress, type DbusCall } from '@openclaw-nodes/core/dbus';

// A raw @homebridge/dbus-native connection for tests that play a service on a private bus (a
// GeoClue agent, a GeoClue that refuses clients): core's DbusClient only calls and listens.

/** The parts of dbus-native's bus its typings leave out: signal dispatch and closing. */
export type Bus = MessageBus & {
  readonly signals: EventEmitter;
  exportInterface(impl: object, path: string, iface: { name: string; methods: object; properties: object; signals: object }): void;
  mangle(path: string, iface: string, member: string): string;
  readonly connection: MessageBus['connection'] & { end(): void };
};

/**
 * Opens a connection to the bus at `address` (`unix:path=…`), resolving once the handshake is
 * done; rejects when the bus cannot be reached within `timeoutMs`.
 */
export function openBus(address: string | undefined, timeoutMs: number): Promise<Bus> {
  const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as { createClient(opts: { socket: string; authMethods?: string[] }): Bus };
  const parsed = parseBusAddress(address);
  if (typeof parsed === 'string') return Promise.reject(new Error(`cannot use its address: ${parsed}`));
  return new Promise((resolve, reject) => {
    let bus: Bus;
    try {
      bus = dbus.createClient({ socket: parsed.socket, authMethods: ['EXTERNAL'] });
    } catch (err) {
      reject(err);
      return;
    }
    const { connection } = bus;
    const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      connection.end();
      reject(err);
    }
    connection.once('error', fail);
    connection.once('connect', () => {
      clearTimeout(timer);
      connection.removeListener('error', fail);
      connection.on('error', () => undefined);
      resolve(bus);
    });
  });
}

/** Calls a method and resolves with its reply body, or rejects with the error name and text. */
export function call(bus: MessageBus, message: DbusCall): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    bus.invoke({ ...message, body: message.body === undefined ? undefined : [...message.body] }, (error, ...body: unknown[]) => {
      if (error) reject(new Error(`${error.name}: ${String(error.message ?? '')}`));
      else resolve(body);
    });
  });
}
