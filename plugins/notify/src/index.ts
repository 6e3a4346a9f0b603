/**
 * @module
 * The `notify` plugin: `system.notify` on the operating system's notification service (the
 * freedesktop `org.freedesktop.Notifications` service on the session bus, spoken to directly
 * over D-Bus) or over the canvas window, with the `notifications` permission in the node's
 * permission map.
 */
import { HOST_ENV, HOST_SERVICES, NOTIFICATION_OVERLAY, PLUGIN_OPTIONS, RateWindow, SURFACE_CHANGED, definePlugin, type HostEnvironment, type HostServices } from '@openclaw-nodes/core/plugin';
import type { NotifyParams } from './commands.js';
import { FreedesktopSink, sessionBusAddress } from './freedesktop-sink.js';
import { notifyGatewayPlugin } from './gateway.js';
import { NOTIFICATION_SINK } from './notification-sink.js';
import { NOTIFY_RATE, NotifyService, OVERLAY_LOOKUP } from './notify-service.js';
import type { NotifyOptions } from './options.js';

/**
 * The plugin object a node host loads.
 *
 * @example
 * host.load([systemPlugin, notifyPlugin]); // HOST_ENV carries DBUS_SESSION_BUS_ADDRESS
 * await host.start();
 * await host.invoke('system.notify', { title: 'Build', body: 'done', priority: 'timeSensitive' }, ctx);
 */
export const notifyPlugin = definePlugin({
  ...notifyGatewayPlugin,
  node: {
    register(container) {
      container.register(NOTIFICATION_SINK, {
        useFactory: (c) => {
          const options = c.resolve<NotifyOptions>(PLUGIN_OPTIONS);
          const env = c.resolve<HostEnvironment>(HOST_ENV).env;
          return new FreedesktopSink(sessionBusAddress(options.sessionBus, env), options.appName, options.timeoutMs);
        },
      });
      // Asked at each overlay call: the canvas offers its window only while it runs on a display.
      container.register(OVERLAY_LOOKUP, {
        useFactory: (c) => () => (c.isRegistered(HOST_SERVICES, true) ? c.resolve<HostServices>(HOST_SERVICES).get(NOTIFICATION_OVERLAY) : undefined),
      });
      container.register(NOTIFY_RATE, { useFactory: (c) => new RateWindow(c.resolve<NotifyOptions>(PLUGIN_OPTIONS).maxPerMinute, 60_000) });
      container.registerSingleton(NotifyService);
    },
    permissions: (container) => container.resolve(NotifyService).permissions(),
    // The daemon coming or going changes `notifications`: the host announces the map again.
    start: (container) => container.resolve(NotifyService).watch(container.resolve<() => void>(SURFACE_CHANGED)),
    stop: (container) => container.resolve(NotifyService).stop(),
    handlers(container) {
      const service = container.resolve(NotifyService);
      return { 'system.notify': (params: NotifyParams, ctx) => service.notify(params, ctx.signal) };
    },
  },
});

export default notifyPlugin;
export { NotifyService, NOTIFY_RATE, OVERLAY_LOOKUP, type OverlayLookup } from './notify-service.js';
export { FreedesktopSink, URGENCY, escapeMarkup, sessionBusAddress } from './freedesktop-sink.js';
export { NOTIFICATION_SINK, type Notification, type NotificationSink } from './notification-sink.js';
export { notifyOptions, type NotifyOptions } from './options.js';
export { notifyCommand, notifyCommands, notifyParams, MAX_TITLE_LENGTH, MAX_BODY_LENGTH, PRIORITIES, DELIVERIES, type NotifyParams, type Priority, type Delivery } from './commands.js';
