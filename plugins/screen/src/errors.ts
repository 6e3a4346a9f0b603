import { OpenClawError, defineErrorCodes, errorFactory, type OpenClawErrorOptions } from '@openclaw-nodes/core/errors';

/**
 * The error codes the screen plugin owns (README.md lists them; a test keeps the two in
 * sync). Each leads its message (`SCREEN_UNAVAILABLE: …`), the token clients match on.
 */
export const screenErrorCodes = defineErrorCodes({
  SCREEN_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'Screen capture cannot run here: ffmpeg or its grabber is missing, or the session (Wayland) offers no way in; the message says what to install.' },
  SCREEN_PERMISSION_REQUIRED: { wire: 'UNAVAILABLE', status: 403, matchable: true, summary: 'The platform refused screen capture (X server authorisation, macOS Screen Recording permission).' },
  SCREEN_CAPTURE_FAILED: { wire: 'UNAVAILABLE', status: 500, matchable: true, summary: 'The grabber started but the recording or snapshot failed; the message carries its last error line.' },
});

/** The codes the screen plugin raises: its own and core's (index out of range, microphone refused, display gone). */
export type ScreenErrorCode = keyof typeof screenErrorCodes | 'INVALID_REQUEST' | 'MIC_PERMISSION_REQUIRED' | 'NODE_BACKGROUND_UNAVAILABLE';

const screenCodedError = errorFactory(screenErrorCodes);

/**
 * A coded screen error whose message leads with its code (COMMANDS.md 1.2):
 * `INVALID_REQUEST: Invalid screen index 3`.
 */
export function screenError(code: ScreenErrorCode, text: string, options?: OpenClawErrorOptions): OpenClawError {
  const message = `${code}: ${text}`;
  if (code === 'INVALID_REQUEST' || code === 'MIC_PERMISSION_REQUIRED' || code === 'NODE_BACKGROUND_UNAVAILABLE') return new OpenClawError(code, message, options);
  return screenCodedError(code, message, options);
}
