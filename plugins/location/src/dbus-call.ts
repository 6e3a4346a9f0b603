import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type { MessageBus } from '@homebridge/dbus-native';
import { parseBusAddress } from '@openclaw-nodes/core/dbus';

/** The parts of dbus-native's bus its typings leave out: signal dispatch and closing. */
export type Bus = MessageBus & {
  readonly signals: EventEmitter;
  exportInterface(impl: object, path: string, iface: { name: string; methods: object; properties: object; signals: object }): void;
  mangle(path: string, iface: string, member: string): string;
  readonly connection: MessageBus['connection'] & { end(): void };
};

/** One D-Bus method call as @homebridge/dbus-native takes it. */
export interface DbusCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature?: string;
  readonly body?: unknown[];
}

/** A D-Bus error reply: its well-known name (`org.freedesktop.DBus.Error.AccessDenied`) and text. */
export class DbusError extends Error {
  constructor(
    readonly dbusName: string,
    message: string,
  ) {
    super(`${dbusName}: ${message}`);
  }
}

/**
 * Opens a connection to the bus at `address` (`unix:path=…`), resolving once the handshake is
 * done; rejects when the bus cannot be reached within `timeoutMs`, or at once when the address
 * is not a `unix:path=` one. dbus-native is handed the socket path only: given the address
 * itself it would follow `tcp:` to another machine and run the program of a `unixexec:` one.
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

/** Calls a method and resolves with its reply body, or rejects with a `DbusError`. */
export function call(bus: MessageBus, message: DbusCall): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    bus.invoke({ ...message }, (error, ...body: unknown[]) => {
      if (error) reject(new DbusError(error.name, String(error.message ?? '')));
      else resolve(body);
    });
  });
}

/** The value inside a dbus-native variant (`[[signature], [value]]`). */
export const variantValue = (v: unknown): unknown => (Array.isArray(v) && Array.isArray(v[1]) ? v[1][0] : undefined);
