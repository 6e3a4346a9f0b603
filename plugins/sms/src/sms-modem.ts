import type { StoredMessage } from './commands.js';

/**
 * One way to reach a modem (ModemManager over D-Bus, or the gammu program); one adapter per
 * service, chosen when the plugin first looks for a modem.
 */
export interface SmsModem {
  /** `modemmanager` or `gammu`, for messages and `plugins list`. */
  readonly name: string;
  /** Undefined when a modem with telephony answers, else why none does. Never throws. */
  unavailableReason(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * Sends `text` to `number` (digits, optional leading `+`); long texts as several parts.
   * @throws OpenClawError `SMS_SEND_FAILED` with the modem's reason, `SMS_UNAVAILABLE` when it stopped answering.
   */
  send(number: string, text: string, signal: AbortSignal): Promise<void>;
  /**
   * Every message the modem stores, at most `max` of them.
   * @throws OpenClawError `SMS_UNAVAILABLE` when the modem cannot be read.
   */
  list(max: number, signal: AbortSignal): Promise<StoredMessage[]>;
  /**
   * Calls `onChange` whenever a modem may have appeared or gone (a device node or config file
   * changed, ModemManager added or removed a modem); returns the function that stops watching.
   */
  watch?(onChange: () => void): () => void;
  /** Releases connections and files the adapter holds. */
  close?(): void;
}
