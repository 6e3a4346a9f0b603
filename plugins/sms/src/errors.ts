import { defineErrorCodes, errorFactory } from '@openclaw-nodes/core/errors';

/**
 * The error codes the sms plugin owns (README.md lists them; a test keeps the two in sync).
 * Each leads its message, as Android's do (COMMANDS.md 7).
 */
export const smsErrorCodes = defineErrorCodes({
  SMS_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'No modem with telephony answers (ModemManager or gammu).' },
  SMS_PERMISSION_REQUIRED: { wire: 'UNAVAILABLE', status: 403, matchable: true, summary: "The node's sms options do not allow this (allowSend / allowSearch)." },
  SMS_SEND_FAILED: { wire: 'UNAVAILABLE', status: 502, matchable: true, summary: "The modem refused or failed to send the message; the message carries the modem's reason." },
});

export type SmsErrorCode = keyof typeof smsErrorCodes;

const coded = errorFactory(smsErrorCodes);

/** `SMS_SEND_FAILED: <reason>`: the code leads the message, the token clients match on. */
export function smsError(code: SmsErrorCode, text: string, cause?: unknown) {
  return coded(code, `${code}: ${text}`, cause === undefined ? undefined : { cause });
}
