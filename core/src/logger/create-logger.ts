import { pino, stdTimeFunctions, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import { escapeUnsafe } from '../text/printable.js';
import { DEFAULT_LOG_LEVEL, type LogLevel } from './log-level.js';
import { REDACTED, redactPaths } from './redact-paths.js';

/** Where log lines go: a writable stream, a terminal when `isTTY` is true. */
export type LogDestination = DestinationStream & { isTTY?: boolean };

export interface CreateLoggerOptions {
  /** The host's name on every line: `gateway`, `node-host`, ... */
  name: string;
  level?: LogLevel;
  /** Default `process.stderr` (synchronous for files and pipes on Linux, so no line is lost at exit). */
  destination?: LogDestination;
  /** Human-readable lines (pino-pretty). Default: when the destination is a terminal. */
  pretty?: boolean;
}

/**
 * The host logger: pino with every secret key redacted (`redactPaths()`). On a terminal it
 * prints `[time] INFO (gateway): message` lines; otherwise one JSON object per line with
 * `level` (a name), `time` (ISO 8601), `name`, `pid` and `msg`. pino-pretty is loaded only
 * for a terminal, so a supervised host never pays for it.
 *
 * @example
 * const logger = await createLogger({ name: 'gateway', level: resolveLogLevel(flags.logLevel) });
 * logger.info({ nodeId }, 'node connected');
 */
export async function createLogger(options: CreateLoggerOptions): Promise<Logger> {
  const destination = options.destination ?? process.stderr;
  const pretty = options.pretty ?? destination.isTTY === true;
  const common: PinoOptions = {
    name: options.name,
    level: options.level ?? DEFAULT_LOG_LEVEL,
    base: { pid: process.pid },
    redact: { paths: redactPaths(), censor: REDACTED },
  };
  if (!pretty) {
    // JSON escapes C0 controls but not C1 (CSI among them), bidi overrides or line separators;
    // inside a JSON string an escape is equivalent.
    const json = { write: (line: string) => destination.write(escapeUnsafe(line, true)) };
    return pino({ ...common, timestamp: stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, json);
  }
  // prettyFactory formats each line synchronously: no stream pipeline that could hold lines back at exit.
  const { prettyFactory } = await import('pino-pretty');
  const prettify = prettyFactory({
    colorize: destination.isTTY === true,
    singleLine: true,
    ignore: 'pid,hostname',
    translateTime: 'SYS:HH:MM:ss.l',
    // Messages quote what peers claim (a node's display name): a newline or an escape
    // sequence in one must not forge a line or drive the terminal. Fields are JSON (C0
    // escaped); the other unsafe characters (C1, bidi overrides, …) are escaped in the whole
    // line below, which keeps the colours pino-pretty adds.
    messageFormat: (record, key) => escapeUnsafe(String(record[key] ?? '')),
  });
  return pino(common, { write: (line: string) => destination.write(escapeUnsafe(prettify(line), true)) });
}

/** A logger that writes nothing, for hosts started without one (tests, embedded use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
