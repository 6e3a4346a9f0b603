import { requireCommonJs } from '../require-common-js.js';
import { parseBusAddress } from './bus-address.js';
import { DbusError } from './dbus-error.js';
import { matchRule, type DbusSignalMatch } from './match-rule.js';

/** One method call: who, where, what, and the arguments in D-Bus signature order. */
export interface DbusCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  /** D-Bus type signature of `body` (`susssasa{sv}i`); omitted when there are no arguments. */
  readonly signature?: string;
  /** Arguments as @homebridge/dbus-native marshals them: a variant is `[signature, value]`, a dict an array of pairs. */
  readonly body?: readonly unknown[];
}

interface NativeBus {
  readonly signals: NodeJS.EventEmitter;
  mangle(path: string, iface: string, member: string): string;
  invoke(message: Record<string, unknown>, callback: (error: { name?: string; message?: unknown } | null | undefined, ...reply: unknown[]) => void): void;
  connection: NodeJS.EventEmitter & { end(): void };
}
interface NativeDbus {
  createClient(options: { socket: string; authMethods?: string[] }): NativeBus;
}

/** Longest part of a bus address repeated in error messages (characters). */
const MAX_SHOWN_ADDRESS = 200;

let native: NativeDbus | undefined;

/**
 * The library, loaded on the first connection to a real bus address: it is about 0.9 MB of
 * heap that a node host whose location, notify or sms plugin never reaches a bus (no session
 * bus on a headless machine, no location call yet) need not carry. CommonJS, and its type file
 * does not declare createClient.
 */
const loadNative = (): NativeDbus => (native ??= requireCommonJs<NativeDbus>(import.meta.url, '@homebridge/dbus-native'));

/**
 * A connection to one D-Bus bus through @homebridge/dbus-native (pure JavaScript: no libdbus,
 * no `notify-send` or `gdbus` child process). Every call has a deadline, and a connection that
 * fails or closes rejects every call still waiting on it, so no caller hangs on a dead bus.
 *
 * @example
 * const bus = DbusClient.connect(env.DBUS_SESSION_BUS_ADDRESS, 'session bus');
 * const [name] = await bus.call({ destination: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications',
 *   interface: 'org.freedesktop.Notifications', member: 'GetServerInformation' }, 2_000);
 * bus.close();
 */
export class DbusClient {
  #pending = new Set<(error: DbusError) => void>();
  #failure: DbusError | undefined;
  readonly #failureListeners = new Set<(error: DbusError) => void>();

  private constructor(
    private readonly bus: NativeBus | undefined,
    /** What the bus is, for messages: `session bus (unix:path=/run/user/1000/bus)`. */
    readonly label: string,
    failure?: DbusError,
  ) {
    this.#failure = failure;
    bus?.connection.on('error', (err: unknown) => this.#fail(`cannot reach the ${label}: ${errorText(err)}`));
    bus?.connection.on('end', () => this.#fail(`the ${label} closed the connection`));
  }

  /**
   * Opens a connection to the bus at `address` (a D-Bus address string). Never throws: an
   * address that cannot be used gives a client whose calls fail with kind `unreachable`.
   * `name` says which bus it is (`session bus`, `system bus`) in every error message.
   */
  static connect(address: string | undefined, name: string): DbusClient {
    // The address comes from the environment: shown in messages, but never at any length.
    const shown = address === undefined ? 'unset' : address.length > MAX_SHOWN_ADDRESS ? `${address.slice(0, MAX_SHOWN_ADDRESS)}…` : address;
    const label = `${name} (${shown})`;
    const parsed = parseBusAddress(address);
    if (typeof parsed === 'string') return new DbusClient(undefined, label, new DbusError('unreachable', `cannot use the ${label}: ${parsed}`));
    try {
      return new DbusClient(loadNative().createClient({ socket: parsed.socket, authMethods: ['EXTERNAL'] }), label);
    } catch (err) {
      return new DbusClient(undefined, label, new DbusError('unreachable', `cannot reach the ${label}: ${errorText(err)}`));
    }
  }

  /** Whether the connection failed or closed; a new client is needed then. */
  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /**
   * Calls a method and answers its reply arguments, in order.
   *
   * @param timeoutMs how long to wait for the reply, ms.
   * @throws DbusError `unreachable` (no bus), `timeout` (no reply in time), `remote` (the peer answered an error; `dbusName` says which).
   */
  call(message: DbusCall, timeoutMs: number, signal?: AbortSignal): Promise<unknown[]> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const bus = this.bus!;
    return new Promise<unknown[]>((resolve, reject) => {
      const finish = (error: DbusError | undefined, reply: unknown[] = []) => {
        if (!this.#pending.delete(fail)) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve(reply);
        else reject(error);
      };
      const fail = (error: DbusError) => finish(error);
      const onAbort = () => finish(new DbusError('timeout', `the call to ${message.destination} was cancelled`));
      const timer = setTimeout(() => finish(new DbusError('timeout', `${message.destination} did not answer ${message.member} on the ${this.label} within ${timeoutMs} ms`)), timeoutMs);
      this.#pending.add(fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      bus.invoke({ ...message, body: message.body === undefined ? undefined : [...message.body] }, (error, ...reply) => {
        if (error === null || error === undefined) return finish(undefined, reply);
        finish(new DbusError('remote', `${error.name ?? 'error'}: ${errorText(error.message)}`, error.name));
      });
    });
  }

  /**
   * Listens for a signal: asks the bus to route it to this connection (`AddMatch` with sender,
   * path, interface, member and `arg0` when given) and calls `listener` with its arguments.
   * The bus filters by sender, so a signal only the sender's owner can emit cannot be forged
   * by another peer; keep `listener` cheap, since the peer decides how often it fires.
   *
   * @param timeoutMs how long the bus may take to accept the rule, ms.
   * @returns a function that stops calling `listener`.
   * @throws DbusError as `call` does.
   */
  async subscribe(match: DbusSignalMatch, listener: (body: unknown[]) => void, timeoutMs: number): Promise<() => void> {
    const rule = matchRule(match);
    await this.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: [rule] }, timeoutMs);
    const key = this.bus!.mangle(match.path, match.interface, match.member);
    const handler = (body: unknown) => listener(Array.isArray(body) ? body : []);
    this.bus!.signals.on(key, handler);
    return () => this.bus?.signals.removeListener(key, handler);
  }

  /** Calls `listener` once when the connection fails or closes (at once if it already did); returns the unsubscribe. */
  onFailure(listener: (error: DbusError) => void): () => void {
    if (this.#failure !== undefined) {
      listener(this.#failure);
      return () => undefined;
    }
    this.#failureListeners.add(listener);
    return () => this.#failureListeners.delete(listener);
  }

  /** Closes the connection; calls still waiting fail as `unreachable`. */
  close(): void {
    this.#fail(`the ${this.label} connection was closed`);
    this.bus?.connection.end();
  }

  #fail(message: string): void {
    this.#failure ??= new DbusError('unreachable', message);
    for (const fail of [...this.#pending]) fail(this.#failure);
    const listeners = [...this.#failureListeners];
    this.#failureListeners.clear();
    for (const listener of listeners) listener(this.#failure);
  }
}

function errorText(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (Array.isArray(value)) return value.map(String).join(' ');
  return String(value);
}
