import { OpenClawError } from '@openclaw-nodes/core/errors';
import { ffmpegFailure } from '@openclaw-nodes/core/media';
import { screenError } from './errors.js';

/** Codes that already say what happened: passed on as they are. */
const DECIDED = new Set(['ABORTED', 'MIC_PERMISSION_REQUIRED', 'NODE_BACKGROUND_UNAVAILABLE', 'INVALID_REQUEST']);
const FULL_BUILD = "install a full build (e.g. Debian's ffmpeg)";

/**
 * What a failed ffmpeg capture means to the caller: cancelled (as is), ffmpeg missing or
 * built without the grabber (`SCREEN_UNAVAILABLE`, with the fix), the X server or sound
 * server refusing us (`SCREEN_PERMISSION_REQUIRED`, `MIC_PERMISSION_REQUIRED`), or anything
 * else (`SCREEN_CAPTURE_FAILED` with ffmpeg's last line).
 */
export function captureFailure(err: unknown, what: 'recording' | 'snapshot'): OpenClawError {
  const { kind, error: e, stderr, missingInput } = ffmpegFailure(err);
  if (DECIDED.has(e.code) || e.code.startsWith('SCREEN_')) return e;
  if (kind === 'missing') return screenError('SCREEN_UNAVAILABLE', `${e.message}; screen capture needs it`, { cause: err });
  if (kind === 'lacks-feature') {
    const lacking = missingInput === undefined ? `lacks a feature screen capture needs (${e.message})` : `was built without the ${missingInput} input`;
    return screenError('SCREEN_UNAVAILABLE', `this ffmpeg ${lacking}; ${FULL_BUILD}`, { cause: err });
  }
  if (/\bpulse\b.*(Access denied|Permission denied|refused)/is.test(stderr)) {
    return screenError('MIC_PERMISSION_REQUIRED', `the sound server refused to record: ${e.message}; record with --no-audio or grant access`, { cause: err });
  }
  if (kind === 'denied') return screenError('SCREEN_PERMISSION_REQUIRED', `the platform refused screen capture: ${e.message}`, { cause: err });
  return screenError('SCREEN_CAPTURE_FAILED', `the ${what} failed: ${e.message}`, { cause: err });
}
