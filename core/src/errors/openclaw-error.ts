import { ERROR_CODES, isErrorCode, type ErrorCode, type WireCode } from './codes.js';

/** The protocol's error object (PROTOCOL.md section 12.1). */
export interface WireError {
  code: string;
  message: string;
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
}

export interface OpenClawErrorOptions {
  details?: Record<string, unknown>;
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error class. `code` is stable and listed in `ERROR_CODES`; the message is meant
 * for a person and says what to do.
 *
 * @example
 * throw new OpenClawError('UNKNOWN_NODE', 'unknown nodeId', { details: { nodeId } });
 */
export class OpenClawError extends Error {
  override readonly name = 'OpenClawError';
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options: OpenClawErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  get wireCode(): WireCode {
    return ERROR_CODES[this.code].wire;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /**
   * The frame-level shape. A specific code rides in `details.code` under its wire code, as
   * the real gateway does (`INVALID_REQUEST` + `details.code: "DEVICE_AUTH_NONCE_MISMATCH"`).
   */
  toWire(): WireError {
    const wire = this.wireCode;
    const details = wire === this.code ? this.details : { code: this.code, ...this.details };
    const out: WireError = { code: wire, message: this.message };
    if (details !== undefined) out.details = details;
    if (this.retryable !== undefined) out.retryable = this.retryable;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    return out;
  }

  /** Rebuilds an error received on the wire, preferring the specific `details.code`. */
  static fromWire(error: WireError): OpenClawError {
    const details = isRecord(error.details) ? error.details : undefined;
    const specific = details?.code;
    const code: ErrorCode = isErrorCode(specific) ? specific : isErrorCode(error.code) ? error.code : 'UNAVAILABLE';
    return new OpenClawError(code, error.message, {
      details: details ?? (error.details === undefined ? undefined : { value: error.details }),
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
    });
  }

  /** Wraps anything thrown into an `OpenClawError`, keeping the original as `cause`. */
  static from(err: unknown, fallback: ErrorCode = 'UNAVAILABLE'): OpenClawError {
    if (err instanceof OpenClawError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new OpenClawError(fallback, message, { cause: err });
  }
}

export const isOpenClawError = (err: unknown, code?: ErrorCode): err is OpenClawError =>
  err instanceof OpenClawError && (code === undefined || err.code === code);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
