import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCaptureDir } from '@openclaw-nodes/core/media';
import type { StoredMessage } from './commands.js';
import { smsError } from './errors.js';
import { parseSmsBackup } from './gammu-backup.js';
import type { SmsOptions } from './options.js';
import { watchGammuDevice } from './gammu-device-watch.js';
import { gammuReason, runGammu } from './run-gammu.js';
import type { SmsModem } from './sms-modem.js';

/** Temp dirs holding a copy of the modem's messages: `<openclaw temp dir>/openclaw-sms-<pid>-*`. */
export const SMS_TEMP_PREFIX = 'openclaw-sms';

/** Largest SMS backup read back (a SIM holds tens of messages, a phone a few thousand). */
const MAX_BACKUP_BYTES = 8 * 1024 * 1024;

/**
 * A modem reached through gammu (Debian `gammu`), one process per operation, configured by the
 * `gammuConfig` file or the `gammu` section of the options. Long texts go as concatenated parts
 * (`-autolen`, which also picks UCS-2 when a character is outside the GSM alphabet).
 */
export class GammuModem implements SmsModem {
  readonly name = 'gammu';
  #config: string | undefined;

  constructor(private readonly options: SmsOptions) {}

  /** Whether the options say where a gammu modem is. */
  get configured(): boolean {
    return this.options.gammuConfig !== undefined || this.options.gammu !== undefined;
  }

  async unavailableReason(signal?: AbortSignal): Promise<string | undefined> {
    if (!this.configured) return 'gammu: no gammuConfig file or gammu section in plugins.options.sms';
    const run = await this.#gammu(['identify'], this.options.probeTimeoutMs, signal);
    return run.code === 0 ? undefined : `gammu: the modem did not answer: ${gammuReason(run, this.options.probeTimeoutMs)}`;
  }

  async send(number: string, text: string, signal: AbortSignal): Promise<void> {
    // -autolen: as many concatenated parts as the text needs, in the coding it needs (GSM 7-bit or UCS-2).
    // Without -text gammu reads the text from stdin: off the command line other local users can read.
    const args = ['sendsms', 'TEXT', number, '-autolen', String(text.length)];
    const run = await this.#gammu(args, this.options.sendTimeoutMs, signal, text);
    if (run.code !== 0) throw smsError('SMS_SEND_FAILED', `gammu: ${gammuReason(run, this.options.sendTimeoutMs)}`);
  }

  async list(max: number, signal: AbortSignal): Promise<StoredMessage[]> {
    // Under a name the plugin's start sweeps: a node killed mid-read leaves no copy of the messages.
    const dir = await makeCaptureDir(SMS_TEMP_PREFIX);
    try {
      const file = join(dir, 'messages.smsbackup');
      const run = await this.#gammu(['backupsms', file, '-all'], this.options.probeTimeoutMs, signal);
      if (run.code !== 0) throw smsError('SMS_UNAVAILABLE', `gammu could not read the modem's messages: ${gammuReason(run, this.options.probeTimeoutMs)}`);
      if (statSync(file).size > MAX_BACKUP_BYTES) throw smsError('SMS_UNAVAILABLE', `the modem holds more than ${MAX_BACKUP_BYTES} bytes of messages`);
      return parseSmsBackup(readFileSync(file, 'utf8'), max);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  watch(onChange: () => void): () => void {
    if (!this.configured) return () => undefined;
    return watchGammuDevice(this.options.gammuConfig, this.options.gammu?.device, this.options.watchIntervalMs, onChange);
  }

  close(): void {
    if (this.#config !== undefined) rmSync(join(this.#config, '..'), { recursive: true, force: true });
    this.#config = undefined;
  }

  #gammu(args: string[], timeoutMs: number, signal?: AbortSignal, stdin?: string) {
    return runGammu(this.options.gammuPath, ['-c', this.#configFile(), ...args], timeoutMs, signal, stdin);
  }

  /** The `-c` file: the configured one, or one written once (0600, private dir) from the `gammu` section. */
  #configFile(): string {
    if (this.options.gammuConfig !== undefined) return this.options.gammuConfig;
    if (this.#config === undefined) {
      const { device, connection, model } = this.options.gammu!;
      this.#config = join(mkdtempSync(join(tmpdir(), 'openclaw-gammu-')), 'gammurc');
      writeFileSync(this.#config, `[gammu]\ndevice = ${device}\nconnection = ${connection}\n${model ? `model = ${model}\n` : ''}`, { mode: 0o600 });
    }
    return this.#config;
  }
}
