import type { Priority } from './commands.js';

/** One notification as a sink shows it. */
export interface Notification {
  readonly title: string;
  readonly body: string;
  readonly priority: Priority;
  /** A sound-theme name, or `silent` for none; the server's default when absent. */
  readonly sound?: string;
}

/**
 * Where notifications go on one platform (the freedesktop service over D-Bus on Linux); one
 * adapter per platform, chosen at registration. Every method fails with an `UNAVAILABLE`
 * OpenClawError whose message says which service was asked and what failed.
 */
export interface NotificationSink {
  /** Undefined when a notification service answers, else why none does. Never throws. */
  unavailableReason(): Promise<string | undefined>;
  show(notification: Notification, signal: AbortSignal): Promise<void>;
  /**
   * Calls `onChange` whenever the service may have come or gone (its daemon started or ended,
   * its bus went away or came back), until `close()`. Never throws.
   */
  watch?(onChange: () => void): void;
  close(): void;
}

export const NOTIFICATION_SINK = Symbol('notify.sink');
