import { OpenClawError } from '@openclaw-nodes/core/errors';
import { redactCredentials, type ClipSource } from '@openclaw-nodes/core/media';
import type { CameraEntry } from './camera-catalog.js';
import { cameraError } from './errors.js';

/** What ffmpeg prints when a build lacks a demuxer, protocol, encoder or filter a capture needs. */
const MISSING_FEATURE = /Unknown input format|Unknown encoder|Encoder not found|Unknown decoder|No such filter|Protocol not found|not compiled|Unrecognized option/i;
const DENIED = /Permission denied|Operation not permitted|not authorized/i;

/**
 * Turns a failed ffmpeg run (from `runFfmpeg`) into the camera's coded error: cancellation
 * passes through; a missing ffmpeg or feature, a camera that is gone, busy or silent is
 * `CAMERA_UNAVAILABLE` with the reason; a denied camera is `CAMERA_PERMISSION_REQUIRED`; an
 * audio input that cannot be opened is `MIC_PERMISSION_REQUIRED` (sound was asked for and
 * the node cannot record it; `includeAudio: false` records without). Credentials of an input
 * URL never appear in the message.
 */
export function captureFailure(err: unknown, camera: CameraEntry, audio: ClipSource | undefined, timeoutMs: number): OpenClawError {
  if (!(err instanceof OpenClawError)) return cameraError('CAMERA_UNAVAILABLE', `could not capture from ${camera.device.name}: ${redactCredentials(String((err as Error)?.message ?? err))}`, { cause: err });
  if (err.code === 'ABORTED') return err;
  const details = err.details ?? {};
  const name = `${camera.device.name} (${camera.device.id})`;
  if (details.missing === true) return cameraError('CAMERA_UNAVAILABLE', `ffmpeg is not installed on this node (install ffmpeg, e.g. apt-get install ffmpeg)`, { cause: err });
  if (details.timedOut === true) return cameraError('CAMERA_UNAVAILABLE', `${name} gave no picture within ${timeoutMs} ms`, { cause: err });
  // runFfmpeg masks URL credentials in stderr; an input is quoted masked the same way.
  const stderr = redactCredentials(typeof details.stderr === 'string' ? details.stderr : err.message);
  const reason = stderr.split('\n').filter(Boolean).at(-1)?.slice(0, 300) ?? stderr;
  const mic = audio === undefined ? undefined : redactCredentials(audio.input);
  if (audio !== undefined && stderr.includes(`${mic}:`)) {
    return cameraError('MIC_PERMISSION_REQUIRED', `could not open the microphone (${audio.format ?? 'input'} ${mic}): ${reason}; let this node's user record audio, configure plugins.options.camera.audio, or record without sound (--no-audio)`, { cause: err });
  }
  if (MISSING_FEATURE.test(stderr)) return cameraError('CAMERA_UNAVAILABLE', `ffmpeg on this node lacks a feature the capture needs: ${reason}`, { cause: err });
  if (DENIED.test(stderr)) return cameraError('CAMERA_PERMISSION_REQUIRED', `this node may not open ${name}: ${reason}`, { cause: err });
  return cameraError('CAMERA_UNAVAILABLE', `could not capture from ${name}: ${reason}`, { cause: err });
}
