import { OpenClawError } from '@openclaw-nodes/core/errors';
import { screenError } from './errors.js';

/**
 * What a failed ffmpeg capture means to the caller: cancelled (as is), ffmpeg missing or
 * built without the grabber (`SCREEN_UNAVAILABLE`, with the fix), the X server or sound
 * server refusing us (`SCREEN_PERMISSION_REQUIRED`, `MIC_PERMISSION_REQUIRED`), or anything
 * else (`SCREEN_CAPTURE_FAILED` with ffmpeg's last line).
 */
export function captureFailure(err: unknown, what: 'recording' | 'snapshot'): OpenClawError {
  const e = OpenClawError.from(err);
  if (['ABORTED', 'MIC_PERMISSION_REQUIRED', 'NODE_BACKGROUND_UNAVAILABLE', 'INVALID_REQUEST'].includes(e.code) || e.code.startsWith('SCREEN_')) return e;
  const details = (e.details ?? {}) as { missing?: boolean; stderr?: string };
  const stderr = details.stderr ?? e.message;
  if (details.missing === true) return screenError('SCREEN_UNAVAILABLE', `${e.message}; screen capture needs it`, { cause: err });
  const format = /Unknown input format:? '?(\w+)'?/.exec(stderr);
  if (format !== null) return screenError('SCREEN_UNAVAILABLE', `this ffmpeg was built without the ${format[1]} input; install a full build (e.g. Debian's ffmpeg)`, { cause: err });
  if (/\bpulse\b.*(Access denied|Permission denied|refused)/is.test(stderr)) {
    return screenError('MIC_PERMISSION_REQUIRED', `the sound server refused to record: ${e.message}; record with --no-audio or grant access`, { cause: err });
  }
  if (/authori[sz]ation|No protocol specified|not authorized|Operation not permitted/i.test(stderr)) {
    return screenError('SCREEN_PERMISSION_REQUIRED', `the platform refused screen capture: ${e.message}`, { cause: err });
  }
  return screenError('SCREEN_CAPTURE_FAILED', `the ${what} failed: ${e.message}`, { cause: err });
}
