/**
 * A service one plugin offers the others on the same host. Plugins never import each other:
 * the key (and the service's interface) lives in core, a provider offers an implementation at
 * start, and a consumer asks for it when it needs it, taking "none" as a normal answer.
 */
export interface ServiceKey<T> {
  readonly name: string;
  /** Carries `T` for the type checker only. */
  readonly type?: T;
}

/**
 * The services plugins share on one host, bound once per node host as `HOST_SERVICES` (in
 * the host container, so every plugin's child container sees the same one).
 *
 * @example
 * const withdraw = services.provide(NOTIFICATION_OVERLAY, { show: (n) => canvas.overlay(n) }); // canvas start
 * services.get(NOTIFICATION_OVERLAY)?.show({ title: 'Hi', body: '', priority: 'active' });     // notify handler
 * withdraw();                                                                                    // canvas stop
 */
export class HostServices {
  readonly #services = new Map<string, unknown>();

  /** Offers `service` under `key`, replacing an earlier one; the answer withdraws it (if still this one). */
  provide<T>(key: ServiceKey<T>, service: T): () => void {
    this.#services.set(key.name, service);
    return () => {
      if (this.#services.get(key.name) === service) this.#services.delete(key.name);
    };
  }

  /** The service offered under `key`, or undefined when no running plugin offers one. */
  get<T>(key: ServiceKey<T>): T | undefined {
    return this.#services.get(key.name) as T | undefined;
  }
}

/** DI token of the host's `HostServices`. */
export const HOST_SERVICES = Symbol.for('openclaw.hostServices');

/** A notification drawn inside the node's own window rather than by the operating system. */
export interface OverlayNotification {
  readonly title: string;
  readonly body: string;
  readonly priority: 'passive' | 'active' | 'timeSensitive';
}

/** Draws notifications over the canvas window (`system.notify` with delivery `overlay`). */
export interface NotificationOverlay {
  /** Shows one notification; throws an OpenClawError saying why when it cannot (no display, no window). */
  show(notification: OverlayNotification): Promise<void>;
}

/** Offered by the canvas plugin while its window can be drawn on; used by the notify plugin. */
export const NOTIFICATION_OVERLAY: ServiceKey<NotificationOverlay> = { name: 'notification.overlay' };
