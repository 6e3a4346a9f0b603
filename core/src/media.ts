/**
 * @module
 * The media toolkit capability plugins share (a plugin never imports another plugin): stills
 * resized and re-encoded with sharp to a width, quality and byte budget; clips transcoded to
 * H.264/AAC MP4 and probed with ffmpeg (through fluent-ffmpeg); `MEDIA:<path>` files for CLI
 * entries. A separate entry so hosts that never touch media do not load it; sharp and
 * fluent-ffmpeg are themselves loaded on first use.
 */
export { encodeStill, MAX_INPUT_PIXELS, type EncodedStill, type StillFormat, type StillOptions } from './media/encode-still.js';
export { fitStill, type FitStillOptions, type FittedStill } from './media/fit-still.js';
export { transcodeClip, type TranscodeOptions, type TranscodedClip } from './media/transcode-clip.js';
export { probeMedia, type MediaInfo, type ProbeOptions } from './media/probe-media.js';
export { FILE_CONTAINERS, type ClipSource } from './media/ffmpeg-input.js';
export { base64Length, clipDurationMs, MEDIA_BASE64_BUDGET, MEDIA_CLIP_BYTES_BUDGET, MEDIA_MAX_CLIP_MS, MEDIA_MIN_CLIP_MS } from './media/media-budget.js';
export { mediaLine, moveMediaFileTo, writeMediaFile, writeMediaFileAt } from './media/media-file.js';
export { writeMediaStream, type MediaStreamOptions } from './media/media-stream.js';
export { makeCaptureDir, removeStaleCaptureDirs } from './media/capture-dir.js';
export { openclawTempDir, POSIX_OPENCLAW_TMP_DIR, type TempDirFacts } from './media/temp-dir.js';
export { redactCredentials } from './media/redact-credentials.js';
export { runFfmpeg, type FfmpegRun, type RunFfmpegOptions } from './media/run-ffmpeg.js';
export { ffmpegFailure, type FfmpegFailure, type FfmpegFailureKind } from './media/ffmpeg-failure.js';
