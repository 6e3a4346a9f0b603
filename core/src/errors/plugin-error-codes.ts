import type { ErrorCodeInfo } from './codes.js';
import { OpenClawError, type OpenClawErrorOptions } from './openclaw-error.js';

/**
 * One error code a plugin declares beside its commands. `wire` and `status` work as for core
 * codes; `matchable` says whether clients may branch on the code (a node then reports it as
 * is, not only under its wire code).
 */
export interface PluginErrorCodeInfo extends ErrorCodeInfo {
  readonly matchable: boolean;
}

/** A plugin's declared codes by name (`CAMERA_PERMISSION_REQUIRED`, ...). */
export type PluginErrorCodes = Readonly<Record<string, PluginErrorCodeInfo>>;

/** Identity function that types a plugin's code table (names stay literal for `errorFactory`). */
export function defineErrorCodes<const T extends PluginErrorCodes>(codes: T): T {
  return codes;
}

/**
 * A constructor for a plugin's own coded errors: the error carries the code's wire code and
 * status, so hosts that never heard of the plugin still answer it correctly.
 *
 * @example
 * const echoError = errorFactory(echoErrorCodes);
 * throw echoError('ECHO_REFUSED', 'ECHO_REFUSED: the echo will not say that', { details: { text } });
 */
export function errorFactory<T extends PluginErrorCodes>(codes: T) {
  return (code: keyof T & string, message: string, options?: OpenClawErrorOptions): OpenClawError =>
    OpenClawError.declared(code, codes[code], message, options);
}
