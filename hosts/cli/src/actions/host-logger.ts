import type { Logger } from '@openclaw-nodes/core/logger';

/**
 * The logger of a long-running command (`gateway run`, `node run`) on stderr: pretty on a
 * terminal, JSON lines otherwise, at `--log-level`, else `OPENCLAW_LOG_LEVEL`, else `info`.
 * Imported here only, so one-shot commands never load pino.
 *
 * @throws OpenClawError CLI_USAGE when the level is not one of `LOG_LEVELS`.
 */
export async function startHostLogger(name: 'gateway' | 'node-host', levelFlag: string | undefined): Promise<Logger> {
  const { createLogger, resolveLogLevel } = await import('@openclaw-nodes/core/logger');
  return createLogger({ name, level: resolveLogLevel(levelFlag) });
}
