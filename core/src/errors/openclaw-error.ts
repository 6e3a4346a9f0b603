import { describeThrown } from './describe-thrown.js';
import { ERROR_CODES, isErrorCode, isPluginCodeShape, type ErrorCode, type ErrorCodeInfo, type WireCode } from './codes.js';

/** A core code, or a code a plugin declares (its info then travels with the error). */
export type AnyErrorCode = ErrorCode | (string & {});

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
  readonly code: AnyErrorCode;
  /** Wire code, status and meaning of a plugin-declared code; undefined for core codes. */
  readonly codeInfo?: ErrorCodeInfo & { readonly matchable?: boolean };
  readonly details?: Record<string, unknown>;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options: OpenClawErrorOptions = {}, codeInfo?: ErrorCodeInfo & { readonly matchable?: boolean }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (codeInfo !== undefined) this.codeInfo = codeInfo;
    this.details = options.details;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * An error with a code a plugin declares (see `errorFactory`): `info` gives its wire code
   * and status. A core code keeps the core meaning whatever `info` says.
   */
  static declared(code: string, info: ErrorCodeInfo & { readonly matchable?: boolean }, message: string, options?: OpenClawErrorOptions): OpenClawError {
    return isErrorCode(code) ? new OpenClawError(code, message, options) : new OpenClawError(code as ErrorCode, message, options, info);
  }

  /** A copy with other details: same code (core or declared), message and flags, this error as cause. */
  withDetails(details: Record<string, unknown>): OpenClawError {
    const options = { details, retryable: this.retryable, retryAfterMs: this.retryAfterMs, cause: this };
    return this.codeInfo === undefined ? new OpenClawError(this.code as ErrorCode, this.message, options) : OpenClawError.declared(this.code, this.codeInfo, this.message, options);
  }

  /**
   * The code's wire code. A code missing from every list (thrown by plain JavaScript, which the
   * type cannot stop) reads as `UNAVAILABLE`, and `toWire()` keeps it in `details.code`: an
   * unknown code must never make the error path itself throw.
   */
  get wireCode(): WireCode {
    return isErrorCode(this.code) ? ERROR_CODES[this.code].wire : (this.codeInfo?.wire ?? 'UNAVAILABLE');
  }

  get status(): number {
    return isErrorCode(this.code) ? ERROR_CODES[this.code].status : (this.codeInfo?.status ?? 500);
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

  /**
   * Rebuilds an error received on the wire, preferring the specific `details.code`. A specific
   * code core does not know is a plugin's (`ECHO_REFUSED`): it is kept, under the frame's wire
   * code, so a client shows the code a plugin author documented.
   */
  static fromWire(error: WireError): OpenClawError {
    const details = isRecord(error.details) ? error.details : undefined;
    const specific = details?.code;
    const wire: ErrorCode = isErrorCode(error.code) ? error.code : 'UNAVAILABLE';
    const options = {
      details: details ?? (error.details === undefined ? undefined : { value: error.details }),
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
    };
    if (isErrorCode(specific)) return new OpenClawError(specific, error.message, options);
    if (isPluginCodeShape(specific)) {
      const { wire: wireCode, status } = ERROR_CODES[wire];
      return OpenClawError.declared(specific, { wire: wireCode, status, summary: `declared by a plugin (${wireCode})` }, error.message, options);
    }
    return new OpenClawError(wire, error.message, options);
  }

  /** Wraps anything thrown into an `OpenClawError`, keeping the original as `cause`. */
  static from(err: unknown, fallback: ErrorCode = 'UNAVAILABLE'): OpenClawError {
    if (err instanceof OpenClawError) return err;
    return new OpenClawError(fallback, describeThrown(err), { cause: err });
  }
}

export const isOpenClawError = (err: unknown, code?: ErrorCode): err is OpenClawError =>
  err instanceof OpenClawError && (code === undefined || err.code === code);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
