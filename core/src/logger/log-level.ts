import { OpenClawError } from '../errors.js';

/** Levels a host logs at, most verbose first; `silent` logs nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The level when neither `--log-level` nor `OPENCLAW_LOG_LEVEL` says otherwise. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/**
 * The level a long-running host logs at: the `--log-level` flag, else
 * `OPENCLAW_LOG_LEVEL`, else `info`. Case-insensitive.
 *
 * @throws OpenClawError CLI_USAGE naming the flag or the variable when the value is not a level.
 * @example
 * resolveLogLevel('warn', process.env); // 'warn'
 */
export function resolveLogLevel(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): LogLevel {
  const fromEnv = env.OPENCLAW_LOG_LEVEL?.trim() || undefined;
  const [source, raw] = flag !== undefined ? ['--log-level', flag] : fromEnv !== undefined ? ['OPENCLAW_LOG_LEVEL', fromEnv] : [undefined, undefined];
  if (source === undefined) return DEFAULT_LOG_LEVEL;
  const level = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    // The bad value is shown cut short: a mistyped variable could hold anything.
    throw new OpenClawError('CLI_USAGE', `${source} must be one of ${LOG_LEVELS.join(', ')}; got "${raw.slice(0, 40)}"`);
  }
  return level as LogLevel;
}
