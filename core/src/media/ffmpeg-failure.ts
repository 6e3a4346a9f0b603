import { OpenClawError } from '../errors/openclaw-error.js';

/** What went wrong with a capture run by `runFfmpeg`, as a plugin maps it to its own codes. */
export type FfmpegFailureKind = 'cancelled' | 'missing' | 'timed-out' | 'lacks-feature' | 'denied' | 'failed';

export interface FfmpegFailure {
  readonly kind: FfmpegFailureKind;
  /** The failure as an `OpenClawError` (the original when it was one); use it as the `cause`. */
  readonly error: OpenClawError;
  /** ffmpeg's stderr tail (or the message when there is none), for plugin-specific checks. */
  readonly stderr: string;
  /** ffmpeg's last stderr line, at most 300 characters: what to show a person. */
  readonly reason: string;
  /** The demuxer ffmpeg said it does not know (`x11grab`, `v4l2`), for `lacks-feature`. */
  readonly missingInput?: string;
}

/** What ffmpeg prints when a build lacks a demuxer, protocol, encoder or filter a capture needs. */
const LACKS_FEATURE = /Unknown input format|Unknown encoder|Encoder not found|Unknown decoder|No such filter|Protocol not found|not compiled|Unrecognized option/i;
/** A device, display or socket this user may not open. */
const DENIED = /Permission denied|Operation not permitted|not authori[sz]ed|authori[sz]ation|No protocol specified/i;

/**
 * Sorts a failed ffmpeg run (a rejection of `runFfmpeg`) into what a capture plugin tells its
 * caller: cancelled, ffmpeg not installed, no answer in time, a build without a needed
 * feature, access denied, or another failure, with ffmpeg's own last line as the reason.
 *
 * @example
 * const failure = ffmpegFailure(err);
 * if (failure.kind === 'denied') throw cameraError('CAMERA_PERMISSION_REQUIRED', `may not open the camera: ${failure.reason}`, { cause: failure.error });
 */
export function ffmpegFailure(err: unknown): FfmpegFailure {
  const error = OpenClawError.from(err);
  const details = (error.details ?? {}) as { missing?: unknown; timedOut?: unknown; stderr?: unknown };
  const stderr = typeof details.stderr === 'string' ? details.stderr : error.message;
  const reason = (stderr.split('\n').filter((l) => l.trim() !== '').at(-1) ?? error.message).slice(0, 300);
  const base = { error, stderr, reason };
  if (error.code === 'ABORTED') return { ...base, kind: 'cancelled' };
  if (details.missing === true) return { ...base, kind: 'missing' };
  if (details.timedOut === true) return { ...base, kind: 'timed-out' };
  if (LACKS_FEATURE.test(stderr)) return { ...base, kind: 'lacks-feature', missingInput: /Unknown input format:? '?(\w+)'?/.exec(stderr)?.[1] };
  if (DENIED.test(stderr)) return { ...base, kind: 'denied' };
  return { ...base, kind: 'failed' };
}
