/**
 * @module
 * The `sms` capability plugin (cap `sms`): `sms.send` and `sms.search` through the node's modem,
 * over ModemManager (D-Bus, system bus) where it runs, else gammu. Advertised only while a modem
 * answers and `plugins.options.sms.allowSend` grants sending; both are followed live.
 */
import { LOGGER, SURFACE_CHANGED, definePlugin, type Logger } from '@openclaw-nodes/core/plugin';
import type { SearchParams, SendParams } from './commands.js';
import { smsGatewayPlugin } from './gateway.js';
import type { SmsOptions } from './options.js';
import { removeStaleCaptureDirs } from '@openclaw-nodes/core/media';
import { SMS_TEMP_PREFIX } from './gammu-modem.js';
import { SmsService } from './sms-service.js';

/**
 * The plugin object a node host loads.
 *
 * @example
 * // plugins.options.sms = { allowSend: true, backend: 'gammu', gammuConfig: '/etc/gammurc' }
 * host.load([systemPlugin, smsPlugin]);
 * await host.start();
 * await host.invoke('sms.send', { to: '+15555550123', message: 'Hello from OpenClaw' }, ctx); // { ok: true, to: '+15555550123' }
 */
export const smsPlugin = definePlugin({
  ...smsGatewayPlugin,
  // A gammu probe of a real serial modem can take several seconds.
  startTimeoutMs: 30_000,
  node: {
    register(container) {
      container.registerSingleton(SmsService);
    },
    // Running even without a modem or the grant, so a modem plugged in later, or allowSend
    // turned on in the config file, is announced without a restart.
    advertised: (container) => container.resolve(SmsService).advertised,
    async start(container) {
      // A node killed while it read the modem left a copy of the messages on disk: remove it.
      await removeStaleCaptureDirs(SMS_TEMP_PREFIX).catch(() => 0);
      const sms = container.resolve(SmsService);
      const changed = container.resolve<() => void>(SURFACE_CHANGED);
      const log = container.resolve<Logger>(LOGGER);
      await sms.start(() => {
        log.info({ advertised: sms.advertised, reason: sms.advertised ? undefined : sms.unavailableReason }, sms.advertised ? 'a modem answers: sms.send is advertised' : `sms.send is no longer advertised: ${sms.unavailableReason}`);
        changed();
      });
      // The host only records what is announced: say here what the operator can change.
      if (!sms.advertised) log.info({ reason: sms.unavailableReason }, `sms.send is not advertised: ${sms.unavailableReason}`);
    },
    reconfigure: (container, options) => container.resolve(SmsService).reconfigure(options as SmsOptions),
    permissions: (container) => container.resolve(SmsService).permissions(),
    stop: (container) => container.resolve(SmsService).stop(),
    handlers(container) {
      const sms = container.resolve(SmsService);
      return {
        'sms.send': (params: SendParams, ctx) => sms.send(params, ctx.signal),
        'sms.search': (params: SearchParams, ctx) => sms.search(params, ctx.signal),
      };
    },
  },
});

export default smsPlugin;
export { SmsService } from './sms-service.js';
export { GammuModem } from './gammu-modem.js';
export { ModemManagerModem } from './modemmanager-modem.js';
export { parseSmsBackup } from './gammu-backup.js';
export type { SmsModem } from './sms-modem.js';
export { smsOptions, type SmsOptions } from './options.js';
export { smsErrorCodes, smsError, type SmsErrorCode } from './errors.js';
export { smsCommands, sendCommand, searchCommand, sendParams, searchParams, dialable, MAX_MESSAGE_LENGTH, MAX_SEARCH_RESULTS, type SendParams, type SearchParams, type SearchResult, type StoredMessage } from './commands.js';
