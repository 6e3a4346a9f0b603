import { BusWatch, DbusClient, DbusError, variantValue, type DbusCall } from '@openclaw-nodes/core/dbus';
import type { StoredMessage } from './commands.js';
import { smsError } from './errors.js';
import type { SmsModem } from './sms-modem.js';

const MM = 'org.freedesktop.ModemManager1';
const MESSAGING = `${MM}.Modem.Messaging`;
const SMS = `${MM}.Sms`;
/** MMSmsState: what sms.search calls each state. */
const STATES = ['unknown', 'stored', 'receiving', 'received', 'sending', 'sent'];
/** While the system bus is gone, how often a connection to it is tried again, ms. */
const BUS_RETRY_MS = 5_000;
/** ModemManager exports modems through an ObjectManager: these signals say one came or went. */
const MODEM_SIGNALS = [
  { sender: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameOwnerChanged', arg0: MM },
  ...['InterfacesAdded', 'InterfacesRemoved'].map((member) => ({ sender: MM, path: '/org/freedesktop/ModemManager1', interface: 'org.freedesktop.DBus.ObjectManager', member })),
];
/** Each stored message costs one property read: keep a search bounded. */
const MAX_LISTED = 500;

/**
 * A modem managed by ModemManager, over the system bus: `Messaging.Create` then `Sms.Send`
 * (ModemManager splits a long text into parts itself), and `Messaging.List` for stored
 * messages. The first modem that has the Messaging interface is used.
 */
export class ModemManagerModem implements SmsModem {
  readonly name = 'modemmanager';
  #bus: DbusClient | undefined;

  constructor(
    private readonly address: string,
    private readonly timeoutMs: number,
    private readonly sendTimeoutMs: number,
  ) {}

  async unavailableReason(signal?: AbortSignal): Promise<string | undefined> {
    try {
      return (await this.#modem(signal)) === undefined ? 'ModemManager runs but manages no modem that can send messages' : undefined;
    } catch (err) {
      return `ModemManager: ${(err as Error).message}`;
    }
  }

  async send(number: string, text: string, signal: AbortSignal): Promise<void> {
    try {
      const modem = await this.#required(signal);
      const properties = [['number', ['s', number]], ['text', ['s', text]]];
      const [path] = await this.#call({ destination: MM, path: modem, interface: MESSAGING, member: 'Create', signature: 'a{sv}', body: [properties] }, this.timeoutMs, signal);
      await this.#call({ destination: MM, path: String(path), interface: SMS, member: 'Send' }, this.sendTimeoutMs, signal);
    } catch (err) {
      if (!(err instanceof DbusError)) throw err;
      throw smsError(err.kind === 'unreachable' ? 'SMS_UNAVAILABLE' : 'SMS_SEND_FAILED', `ModemManager: ${err.message}`, err);
    }
  }

  async list(max: number, signal: AbortSignal): Promise<StoredMessage[]> {
    try {
      return await this.#list(max, signal);
    } catch (err) {
      if (!(err instanceof DbusError)) throw err;
      throw smsError('SMS_UNAVAILABLE', `ModemManager could not list the modem's messages: ${err.message}`, err);
    }
  }

  async #list(max: number, signal: AbortSignal): Promise<StoredMessage[]> {
    const modem = await this.#required(signal);
    const [paths] = await this.#call({ destination: MM, path: modem, interface: MESSAGING, member: 'List' }, this.timeoutMs, signal);
    const out: StoredMessage[] = [];
    for (const path of (Array.isArray(paths) ? paths : []).slice(0, Math.min(max, MAX_LISTED))) {
      const read = async (name: string) =>
        variantValue((await this.#call({ destination: MM, path: String(path), interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: [SMS, name] }, this.timeoutMs, signal))[0]);
      const time = Date.parse(String(await read('Timestamp')));
      out.push({ number: String(await read('Number')), text: String(await read('Text')), state: STATES[Number(await read('State'))] ?? 'unknown', ...(Number.isFinite(time) ? { timestamp: time } : {}) });
    }
    return out;
  }

  watch(onChange: () => void): () => void {
    const watch = new BusWatch(this.address, 'system bus', MODEM_SIGNALS, onChange, { retryMs: BUS_RETRY_MS, timeoutMs: this.timeoutMs });
    watch.start();
    return () => watch.stop();
  }

  close(): void {
    this.#bus?.close();
    this.#bus = undefined;
  }

  async #required(signal: AbortSignal): Promise<string> {
    const modem = await this.#modem(signal).catch((err: unknown) => {
      throw smsError('SMS_UNAVAILABLE', `ModemManager: ${(err as Error).message}`, err);
    });
    if (modem === undefined) throw smsError('SMS_UNAVAILABLE', 'ModemManager manages no modem that can send messages');
    return modem;
  }

  /** The object path of the first modem with the Messaging interface. */
  async #modem(signal?: AbortSignal): Promise<string | undefined> {
    const [objects] = await this.#call({ destination: MM, path: '/org/freedesktop/ModemManager1', interface: 'org.freedesktop.DBus.ObjectManager', member: 'GetManagedObjects' }, this.timeoutMs, signal);
    for (const entry of Array.isArray(objects) ? objects : []) {
      const [path, interfaces] = entry as [unknown, unknown];
      if (Array.isArray(interfaces) && interfaces.some((i) => Array.isArray(i) && i[0] === MESSAGING)) return String(path);
    }
    return undefined;
  }

  #call(message: DbusCall, timeoutMs: number, signal?: AbortSignal): Promise<unknown[]> {
    if (this.#bus === undefined || this.#bus.failed) this.#bus = DbusClient.connect(this.address, 'system bus');
    return this.#bus.call(message, timeoutMs, signal);
  }
}
