import { OpenClawError } from '@openclaw-nodes/core/errors';
import { inject, injectable } from '@openclaw-nodes/core/di';
import type { NotifyParams } from './commands.js';
import { NOTIFICATION_SINK, type NotificationSink } from './notification-sink.js';

/**
 * Why `overlay` is refused: plugins never import each other, and the canvas plugin offers no
 * overlay to other plugins, so this plugin cannot draw in the canvas window. Refusing says so
 * instead of pretending; `auto` therefore means "the system service, or this error".
 */
const NO_OVERLAY = 'this node host offers no in-app overlay (the canvas window is not shared with other plugins); use delivery system';

/** The node-side work of `system.notify`: delivery and priority rules over one sink. */
@injectable()
export class NotifyService {
  constructor(@inject(NOTIFICATION_SINK) private readonly sink: NotificationSink) {}

  /**
   * Shows one notification. `priority` defaults to `active` (normal urgency).
   *
   * @throws OpenClawError `UNAVAILABLE` with the reason: no notification service (which bus,
   *   what failed) for `system` and `auto`, no overlay for `overlay`.
   */
  async notify(params: NotifyParams, signal: AbortSignal): Promise<void> {
    if (params.delivery === 'overlay') throw new OpenClawError('UNAVAILABLE', `UNAVAILABLE: overlay delivery: ${NO_OVERLAY}`);
    const notification = { title: params.title, body: params.body, priority: params.priority ?? 'active', sound: params.sound };
    try {
      await this.sink.show(notification, signal);
    } catch (err) {
      if (params.delivery !== 'auto' || !(err instanceof OpenClawError)) throw err;
      throw new OpenClawError('UNAVAILABLE', `${err.message}; no overlay either: ${NO_OVERLAY}`, { cause: err });
    }
  }

  /** `notifications`: whether a notification service answers right now. */
  async permissions(): Promise<Record<string, boolean>> {
    return { notifications: (await this.sink.unavailableReason()) === undefined };
  }

  stop(): void {
    this.sink.close();
  }
}
