import { OpenClawError } from '../errors/openclaw-error.js';
import type { CloseInfo } from './rpc-peer-options.js';

/**
 * The `CONNECTION_CLOSED` error for a request the closed connection cannot answer
 * (`wasSent`) or cannot carry any more. The close code and reason are in the message and
 * in `details`; the reason the peer gave up itself (`TICK_TIMEOUT`) is the `cause`.
 */
export function connectionClosedError(method: string, info: CloseInfo, wasSent: boolean): OpenClawError {
  const how = info.reason === '' ? `code ${info.code}` : `code ${info.code}: ${info.reason}`;
  const message = wasSent ? `connection closed before "${method}" was answered (${how})` : `cannot send "${method}": connection closed (${how})`;
  return new OpenClawError('CONNECTION_CLOSED', message, {
    details: { method, closeCode: info.code, closeReason: info.reason },
    retryable: true,
    cause: info.cause,
  });
}
