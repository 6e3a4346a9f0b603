import type { OpenClawError } from '@openclaw-nodes/core/errors';
import { ffmpegFailure, redactCredentials, type ClipSource } from '@openclaw-nodes/core/media';
import type { CameraEntry } from './camera-catalog.js';
import { cameraError } from './errors.js';

/**
 * Turns a failed ffmpeg run (from `runFfmpeg`) into the camera's coded error: cancellation
 * passes through; a missing ffmpeg or feature, a camera that is gone, busy or silent is
 * `CAMERA_UNAVAILABLE` with the reason; a denied camera is `CAMERA_PERMISSION_REQUIRED`; an
 * audio input that cannot be opened is `MIC_PERMISSION_REQUIRED` (sound was asked for and
 * the node cannot record it; `includeAudio: false` records without). Credentials of an input
 * URL never appear in the message.
 */
export function captureFailure(err: unknown, camera: CameraEntry, audio: ClipSource | undefined, timeoutMs: number): OpenClawError {
  const failure = ffmpegFailure(err);
  const { kind, error } = failure;
  // runFfmpeg masks URL credentials in stderr; anything else quoted is masked the same way.
  const stderr = redactCredentials(failure.stderr);
  const reason = redactCredentials(failure.reason);
  const cause = { cause: err };
  const name = `${camera.device.name} (${camera.device.id})`;
  if (kind === 'cancelled') return error;
  if (kind === 'missing') return cameraError('CAMERA_UNAVAILABLE', `ffmpeg is not installed on this node (install ffmpeg, e.g. apt-get install ffmpeg)`, cause);
  if (kind === 'timed-out') return cameraError('CAMERA_UNAVAILABLE', `${name} gave no picture within ${timeoutMs} ms`, cause);
  const mic = audio === undefined ? undefined : redactCredentials(audio.input);
  if (audio !== undefined && stderr.includes(`${mic}:`)) {
    return cameraError('MIC_PERMISSION_REQUIRED', `could not open the microphone (${audio.format ?? 'input'} ${mic}): ${reason}; let this node's user record audio, configure plugins.options.camera.audio, or record without sound (--no-audio)`, cause);
  }
  if (kind === 'lacks-feature') return cameraError('CAMERA_UNAVAILABLE', `ffmpeg on this node lacks a feature the capture needs: ${reason}`, cause);
  if (kind === 'denied') return cameraError('CAMERA_PERMISSION_REQUIRED', `this node may not open ${name}: ${reason}`, cause);
  return cameraError('CAMERA_UNAVAILABLE', `could not capture from ${name}: ${reason}`, cause);
}
