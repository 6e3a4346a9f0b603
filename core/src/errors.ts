/**
 * @module
 * Stable error codes and the one error class every package throws.
 */
export { ERROR_CODES, isErrorCode, isPluginCodeShape, type ErrorCode, type ErrorCodeInfo, type WireCode } from './errors/codes.js';
export { OpenClawError, isOpenClawError, type AnyErrorCode, type OpenClawErrorOptions, type WireError } from './errors/openclaw-error.js';
export { defineErrorCodes, errorFactory, type PluginErrorCodeInfo, type PluginErrorCodes } from './errors/plugin-error-codes.js';
export { formatKeyPath } from './errors/format-key-path.js';
export { describeThrown, describeThrownWithStack } from './errors/describe-thrown.js';
