/**
 * @module
 * Host logging (pino). Bound to the `LOGGER` token in every host container; plugins inject
 * it and get a child logger carrying their name. Imported only by long-running hosts, so
 * short CLI commands never load it.
 */
export type { Logger } from 'pino';
export { createLogger, silentLogger, type CreateLoggerOptions, type LogDestination } from './logger/create-logger.js';
export { DEFAULT_LOG_LEVEL, LOG_LEVELS, resolveLogLevel, type LogLevel } from './logger/log-level.js';
export { REDACTED, REDACT_DEPTH, SECRET_KEYS, redactPaths } from './logger/redact-paths.js';
