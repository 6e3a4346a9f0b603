import { inject, injectable } from '@openclaw-nodes/core/di';
import { HOST_ENV, PLUGIN_OPTIONS, RateWindow, STATE_DIR, type HostEnvironment } from '@openclaw-nodes/core/plugin';
import { MAX_RESULT_TEXT, dialable, type SearchParams, type SearchResult, type SendParams } from './commands.js';
import { smsError } from './errors.js';
import { GammuModem } from './gammu-modem.js';
import { ModemPresence } from './modem-presence.js';
import { ModemManagerModem } from './modemmanager-modem.js';
import { OneAtATime } from './one-at-a-time.js';
import type { SmsOptions } from './options.js';
import type { SmsModem } from './sms-modem.js';
import { loadSentTimes, saveSentTimes, sentTimesPath } from './sent-times.js';

const HOUR_MS = 3_600_000;

const SYSTEM_BUS = 'unix:path=/var/run/dbus/system_bus_socket';
/** Modem operations allowed to wait behind the running one. */
const MAX_WAITING = 8;

/**
 * The node-side work of the `sms` capability: finds a modem (ModemManager first, then gammu,
 * as `backend` allows) and keeps watching for one coming or going, and sends and searches only
 * what the node's options grant. Options change live (`reconfigure`).
 */
@injectable()
export class SmsService {
  readonly #modemQueue = new OneAtATime(MAX_WAITING);
  #options: SmsOptions;
  #presence: ModemPresence;
  /** The hourly cap, read back from the state dir on first use so a restart does not reset it. */
  #sent: Promise<RateWindow> | undefined;
  #saving: Promise<void> = Promise.resolve();
  readonly #sentPath: string | undefined;
  #onChange: () => void = () => undefined;

  /** `stateDir`: where the send times persist; without it (a test) the cap lives in memory. */
  constructor(@inject(PLUGIN_OPTIONS) options: SmsOptions, @inject(HOST_ENV) private readonly hostEnv: HostEnvironment, @inject(STATE_DIR) stateDir?: string) {
    this.#options = options;
    this.#presence = this.#presenceFor(options);
    this.#sentPath = stateDir === undefined ? undefined : sentTimesPath(stateDir);
  }

  /** Announced (cap and commands) only with a modem found and `allowSend` (the seed's "permission and telephony"). */
  get advertised(): boolean {
    return this.#options.allowSend && this.#presence.modem !== undefined;
  }

  /** Why the commands are not announced. */
  get unavailableReason(): string {
    return this.#options.allowSend ? this.#presence.reason : 'plugins.options.sms.allowSend is not true';
  }

  /**
   * Looks for a modem when the options grant anything, and from then on watches for one coming
   * or going, calling `onChange` (the host's SURFACE_CHANGED) when what is found changes.
   */
  async start(onChange: () => void): Promise<void> {
    this.#onChange = onChange;
    if (!this.#options.allowSend && !this.#options.allowSearch) return;
    await this.#presence.find();
    this.#presence.watch(onChange);
  }

  /** Takes new options: the modem is looked for again with them; the hourly count carries over unless `maxPerHour` changed. */
  async reconfigure(options: SmsOptions): Promise<void> {
    this.#presence.close();
    // A new cap is read back from the saved send times with the new limit on next use.
    if (options.maxPerHour !== this.#options.maxPerHour) this.#sent = undefined;
    this.#options = options;
    this.#presence = this.#presenceFor(options);
    await this.start(this.#onChange);
  }

  /** `sms` (send) and `sms.search` (read): granted by the options and backed by the modem last found. */
  permissions(): Record<string, boolean> {
    const modem = this.#presence.modem !== undefined;
    return { sms: modem && this.#options.allowSend, 'sms.search': modem && this.#options.allowSearch };
  }

  /**
   * `sms.send`. @throws `SMS_PERMISSION_REQUIRED` without `allowSend`, `SMS_UNAVAILABLE` without a
   * modem, when busy or past `maxPerHour`, `SMS_SEND_FAILED`.
   */
  async send({ to, message }: SendParams, signal: AbortSignal): Promise<{ ok: true; to: string }> {
    if (!this.#options.allowSend) throw smsError('SMS_PERMISSION_REQUIRED', 'sending is not allowed on this node: set plugins.options.sms.allowSend to true');
    const sent = await (this.#sent ??= this.#loadSent());
    if (!sent.take()) throw smsError('SMS_UNAVAILABLE', `this node sends at most ${sent.limit} messages an hour (plugins.options.sms.maxPerHour); try again later`);
    this.#persist(sent);
    const number = dialable(to)!;
    await this.#modemQueue.run(async () => (await this.#current(signal)).send(number, message, signal));
    return { ok: true, to };
  }

  async #loadSent(): Promise<RateWindow> {
    const { maxPerHour } = this.#options;
    const seed = this.#sentPath === undefined ? [] : await loadSentTimes(this.#sentPath, maxPerHour, HOUR_MS);
    return new RateWindow(maxPerHour, HOUR_MS, Date.now, seed);
  }

  /** Writes the window's send times, one write after another; a failed write only loses the restart guard. */
  #persist(sent: RateWindow): void {
    const path = this.#sentPath;
    if (path === undefined) return;
    this.#saving = this.#saving.then(() => saveSentTimes(path, sent.times)).catch(() => undefined);
  }

  /** `sms.search`: newest first, filtered by number and by text (case-insensitive), at most `limit`. */
  async search({ query, number, limit }: SearchParams, signal: AbortSignal): Promise<SearchResult> {
    if (!this.#options.allowSearch) throw smsError('SMS_PERMISSION_REQUIRED', "reading the modem's messages is not allowed on this node: set plugins.options.sms.allowSearch to true");
    const all = await this.#modemQueue.run(async () => (await this.#current(signal)).list(5_000, signal));
    const wanted = number === undefined ? undefined : dialable(number);
    const needle = query?.toLowerCase();
    const matching = all
      .filter((m) => (wanted === undefined || dialable(m.number) === wanted) && (needle === undefined || m.text.toLowerCase().includes(needle)))
      .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0));
    return { messages: matching.slice(0, limit).map((m) => ({ ...m, text: m.text.slice(0, MAX_RESULT_TEXT) })), truncated: matching.length > limit };
  }

  stop(): void {
    this.#presence.close();
  }

  /** The modem found last, or one found now (plugged in since: announced too); SMS_UNAVAILABLE with the reasons otherwise. */
  async #current(signal: AbortSignal): Promise<SmsModem> {
    if (this.#presence.modem === undefined && (await this.#presence.find(signal))) this.#onChange();
    const modem = this.#presence.modem;
    if (modem === undefined) throw smsError('SMS_UNAVAILABLE', `no modem with telephony: ${this.#presence.reason}`);
    return modem;
  }

  #presenceFor(options: SmsOptions): ModemPresence {
    const mm = new ModemManagerModem(options.systemBus ?? this.hostEnv.env.DBUS_SYSTEM_BUS_ADDRESS ?? SYSTEM_BUS, options.probeTimeoutMs, options.sendTimeoutMs);
    const gammu = new GammuModem(options);
    return new ModemPresence(options.backend === 'modemmanager' ? [mm] : options.backend === 'gammu' ? [gammu] : [mm, gammu]);
  }
}
