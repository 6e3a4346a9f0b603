import { z } from 'zod';

/**
 * `plugins.options.sms` in config. Nothing is sent or read until the operator of the node
 * grants it here; the gateway still needs `gateway.nodes.commands.allow` for each command.
 *
 * @example
 * { plugins: { enabled: ['system', 'sms'], options: { sms: { allowSend: true, backend: 'gammu', gammu: { device: '/dev/ttyUSB2', connection: 'at' } } } } }
 */
export const smsOptions = z.strictObject({
  /** Lets this node send text messages; without it sms.send is not advertised. */
  allowSend: z.boolean().default(false),
  /** Lets this node read the modem's stored messages (sms.search). */
  allowSearch: z.boolean().default(false),
  /** Most messages the node sends in any hour: text messages cost money, so a flood stops here. */
  maxPerHour: z.number().int().min(1).max(1_000).default(30),
  /** Which modem service: ModemManager where it runs, else gammu (`auto`), or one of them only. */
  backend: z.enum(['auto', 'modemmanager', 'gammu']).default('auto'),
  /** A gammu configuration file (`gammurc`); wins over `gammu`. */
  gammuConfig: z.string().min(1).max(4_096).optional(),
  /** The `[gammu]` section to use when there is no `gammuConfig` file. */
  gammu: z
    .strictObject({
      device: z.string().min(1).max(4_096).regex(/^[^\x00-\x1f]+$/, 'device must be one line'),
      connection: z.string().regex(/^[a-z0-9_-]{1,32}$/i, 'connection must be a gammu connection name such as at or none'),
      model: z.string().regex(/^[a-z0-9_-]{0,32}$/i).optional(),
    })
    .optional(),
  /** The gammu program. */
  gammuPath: z.string().min(1).max(4_096).default('gammu'),
  /** How long one send (all its parts) may take, ms. */
  sendTimeoutMs: z.number().int().min(1_000).max(300_000).default(60_000),
  /** How long a modem probe or a read may take, ms. */
  probeTimeoutMs: z.number().int().min(500).max(60_000).default(10_000),
  /**
   * How often a gammu modem's device and config file are looked at for a modem plugged in or
   * out while the node runs, ms (ModemManager tells of its modems itself).
   */
  watchIntervalMs: z.number().int().min(500).max(600_000).default(5_000),
  /** System bus address for ModemManager; the standard socket when unset. */
  systemBus: z.string().min(1).max(1_024).optional(),
});

export type SmsOptions = z.output<typeof smsOptions>;
