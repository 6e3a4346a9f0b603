import { OpenClawError, defineErrorCodes, errorFactory, type OpenClawErrorOptions } from '@openclaw-nodes/core/errors';

/**
 * The error codes the camera plugin owns (README.md lists them; a test keeps the two in
 * sync). Each leads its message (`CAMERA_DISABLED: …`, COMMANDS.md 1.2) and clients match on it.
 */
export const cameraErrorCodes = defineErrorCodes({
  CAMERA_DISABLED: { wire: 'UNAVAILABLE', status: 403, matchable: true, summary: 'The camera is off on this node until plugins.options.camera.enabled is true.' },
  CAMERA_PERMISSION_REQUIRED: { wire: 'UNAVAILABLE', status: 403, matchable: true, summary: 'The camera exists but this node may not open it (device permissions, camera privacy settings).' },
  CAMERA_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'No camera to use, the camera could not be read, or ffmpeg is missing or lacks a needed feature; the message says which.' },
});

/** The codes the camera plugin raises: its own, and core's for requests and the microphone. */
export type CameraErrorCode = keyof typeof cameraErrorCodes | 'MIC_PERMISSION_REQUIRED' | 'INVALID_REQUEST';

const cameraCodedError = errorFactory(cameraErrorCodes);

/** A coded camera error whose message leads with its code: `CAMERA_UNAVAILABLE: no camera with id "x"`. */
export function cameraError(code: CameraErrorCode, text: string, options?: OpenClawErrorOptions): OpenClawError {
  const message = `${code}: ${text}`;
  return code === 'MIC_PERMISSION_REQUIRED' || code === 'INVALID_REQUEST' ? new OpenClawError(code, message, options) : cameraCodedError(code, message, options);
}
