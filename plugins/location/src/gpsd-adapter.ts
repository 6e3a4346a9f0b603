import { connect, type Socket } from 'node:net';
import { tpvFix } from './gpsd-report.js';
import { ProviderUnavailable, aborted, type FixRequest, type LocationAdapter, type ProviderFix } from './location-adapter.js';

/** gpsd's longest report (a SKY with every satellite) is a few KiB; anything longer is not gpsd. */
export const MAX_GPSD_LINE = 64 * 1024;
/** How long connecting may take before gpsd counts as unreachable. */
const CONNECT_TIMEOUT_MS = 3_000;
/** The watch is dropped after this long without a call: no socket is held for a node nobody asks. */
const IDLE_MS = 60_000;
const WATCH = '?WATCH={"enable":true,"json":true};\n';

/**
 * Reads fixes from gpsd over its JSON protocol (gpsd_json(5)): one watching connection, opened
 * by the first call and closed after a minute without calls, so reconnects are at most one per
 * call. Lines are bounded (`MAX_GPSD_LINE`) and only well-formed TPV fixes are kept.
 * Written here rather than taken from npm: the clients there neither bound lines nor time out.
 *
 * @example
 * const gpsd = new GpsdAdapter('127.0.0.1', 2947);
 * await gpsd.fix({ since: Date.now(), accuracy: 'precise', signal: AbortSignal.timeout(10_000) });
 */
export class GpsdAdapter implements LocationAdapter {
  readonly name = 'gpsd';
  #socket: Socket | undefined;
  #opening: Promise<void> | undefined;
  #latest: ProviderFix | undefined;
  /** Calls waiting for the next fix; failed together when the connection drops. */
  readonly #waiters = new Set<{ since: number; resolve: (fix: ProviderFix) => void; reject: (err: Error) => void }>();
  #idle: NodeJS.Timeout | undefined;
  #noReceiver = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  async fix({ since, signal }: FixRequest): Promise<ProviderFix> {
    this.#touch();
    await Promise.race([this.#open(), aborted(signal)]);
    if (this.#latest !== undefined && this.#latest.receivedAtMs >= since) return this.#latest;
    if (this.#noReceiver) throw this.#noReceiverError();
    let waiter!: { since: number; resolve: (fix: ProviderFix) => void; reject: (err: Error) => void };
    const next = new Promise<ProviderFix>((resolve, reject) => (waiter = { since, resolve, reject }));
    this.#waiters.add(waiter);
    try {
      return await Promise.race([next, aborted(signal)]);
    } finally {
      this.#waiters.delete(waiter);
    }
  }

  close(): void {
    clearTimeout(this.#idle);
    this.#drop(new ProviderUnavailable('gpsd connection closed'));
  }

  get #address(): string {
    return `${this.host}:${this.port}`;
  }

  #noReceiverError(): ProviderUnavailable {
    return new ProviderUnavailable(`gpsd at ${this.#address} has no GPS receiver attached`);
  }

  #touch(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.close(), IDLE_MS).unref();
  }

  #open(): Promise<void> {
    if (this.#socket !== undefined) return Promise.resolve();
    this.#opening ??= new Promise<void>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.#socket = socket;
        this.#noReceiver = false;
        // A later error is followed by 'close', which fails the waiting calls.
        socket.on('error', () => undefined);
        socket.write(WATCH);
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new ProviderUnavailable(`gpsd at ${this.#address} is not reachable (${err.message})`));
      });
      socket.once('close', () => {
        if (this.#socket === socket) this.#drop(new ProviderUnavailable(`gpsd at ${this.#address} closed the connection`));
      });
      this.#read(socket);
    }).finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  /** Splits the stream into lines, refusing one longer than `MAX_GPSD_LINE`. */
  #read(socket: Socket): void {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        this.#line(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
      }
      if (buffered.length > MAX_GPSD_LINE) socket.destroy(new Error(`a line over ${MAX_GPSD_LINE} bytes`));
    });
  }

  #line(line: string): void {
    if (line.length > MAX_GPSD_LINE) return;
    let report: unknown;
    try {
      report = JSON.parse(line);
    } catch {
      return;
    }
    const r = report as { class?: unknown; devices?: unknown };
    if (r?.class === 'DEVICE') this.#noReceiver = false;
    if (r?.class === 'DEVICES' && Array.isArray(r.devices)) {
      this.#noReceiver = r.devices.length === 0;
      // Waiting would only end at the deadline: let the next provider answer instead.
      if (this.#noReceiver) for (const waiter of this.#waiters) waiter.reject(this.#noReceiverError());
    }
    const fix = tpvFix(report, Date.now());
    if (fix === undefined) return;
    this.#latest = fix;
    for (const waiter of this.#waiters) if (fix.receivedAtMs >= waiter.since) waiter.resolve(fix);
  }

  #drop(reason: Error): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#latest = undefined;
    socket?.destroy();
    for (const waiter of this.#waiters) waiter.reject(reason);
  }
}
