import { OpenClawError } from '@openclaw-nodes/core/errors';
import { inject, injectable } from '@openclaw-nodes/core/di';
import type { NotificationOverlay, RateWindow } from '@openclaw-nodes/core/plugin';
import type { NotifyParams } from './commands.js';
import { NOTIFICATION_SINK, type Notification, type NotificationSink } from './notification-sink.js';

/** DI token of a function answering the canvas overlay the host offers right now, if any. */
export const OVERLAY_LOOKUP = Symbol('notify.overlay');
export type OverlayLookup = () => NotificationOverlay | undefined;
/** DI token of the `RateWindow` that bounds how many notifications a node shows. */
export const NOTIFY_RATE = Symbol('notify.rate');

const NO_OVERLAY = 'no canvas window on this node host to draw on (the overlay needs a desktop node with the canvas plugin running on a display)';

/**
 * The node-side work of `system.notify`: `system` goes to the operating system's notification
 * service, `overlay` to the canvas window (offered by the canvas plugin through the host's
 * services: plugins never import each other), `auto` to the first of the two that works.
 */
@injectable()
export class NotifyService {
  constructor(
    @inject(NOTIFICATION_SINK) private readonly sink: NotificationSink,
    @inject(OVERLAY_LOOKUP) private readonly overlay: OverlayLookup,
    @inject(NOTIFY_RATE) private readonly rate: RateWindow,
  ) {}

  /**
   * Shows one notification. `priority` defaults to `active` (normal urgency).
   *
   * @throws OpenClawError `UNAVAILABLE` with the reason: no notification service (which bus,
   *   what failed) for `system`, no canvas window for `overlay`, both for `auto`; past
   *   `maxPerMinute`, without showing anything.
   */
  async notify(params: NotifyParams, signal: AbortSignal): Promise<void> {
    if (!this.rate.take()) {
      throw new OpenClawError('UNAVAILABLE', `UNAVAILABLE: this node shows at most ${this.rate.limit} notifications a minute (plugins.options.notify.maxPerMinute); try again later`);
    }
    const notification: Notification = { title: params.title, body: params.body, priority: params.priority ?? 'active', sound: params.sound };
    if (params.delivery === 'system') return this.sink.show(notification, signal);
    if (params.delivery === 'overlay') return this.#overlay(notification);
    try {
      await this.sink.show(notification, signal);
    } catch (err) {
      if (!(err instanceof OpenClawError)) throw err;
      await this.#overlay(notification).catch((overlayErr: unknown) => {
        throw new OpenClawError('UNAVAILABLE', `${err.message}; the overlay failed too: ${(overlayErr as Error).message.replace(/^UNAVAILABLE: /, '')}`, { cause: err });
      });
    }
  }

  /** `notifications`: whether a notification service answers right now. */
  async permissions(): Promise<Record<string, boolean>> {
    return { notifications: (await this.sink.unavailableReason()) === undefined };
  }

  /** Calls `onChange` whenever the `notifications` permission may have changed (a daemon came or went). */
  watch(onChange: () => void): void {
    this.sink.watch?.(onChange);
  }

  stop(): void {
    this.sink.close();
  }

  async #overlay(n: Notification): Promise<void> {
    const overlay = this.overlay();
    if (overlay === undefined) throw new OpenClawError('UNAVAILABLE', `UNAVAILABLE: overlay delivery: ${NO_OVERLAY}`);
    try {
      await overlay.show({ title: n.title, body: n.body, priority: n.priority });
    } catch (err) {
      throw new OpenClawError('UNAVAILABLE', `UNAVAILABLE: overlay delivery: the canvas could not draw it: ${(err as Error).message}`, { cause: err });
    }
  }
}
