import type { CameraPlatform, PlatformCamera } from './camera-platform.js';
import { deviceListing, type ListedDevice } from './device-listing.js';

const PREFIX = 'avfoundation:';

/**
 * macOS: cameras and microphones through ffmpeg's AVFoundation input, listed with
 * `-f avfoundation -list_devices true -i ""`. A camera is opened by its index
 * (`-f avfoundation -framerate 30 -i "0:none"`); the default microphone is `":default"`.
 * macOS asks the user for Camera and Microphone access for the process running ffmpeg.
 */
export function macosAvfoundation(): CameraPlatform {
  return {
    demuxer: 'avfoundation',
    async listCameras(ctx) {
      const listing = await deviceListing(['-f', 'avfoundation', '-list_devices', 'true', '-i', ''], ctx);
      return parseAvfoundationDevices(listing)
        .filter((d) => d.kind === 'video' && !/capture screen/i.test(d.name))
        .map((d): PlatformCamera => ({ id: `${PREFIX}${d.index}`, name: d.name, position: /facetime|built-in/i.test(d.name) ? 'front' : 'unspecified', deviceType: 'avfoundation' }));
    },
    // 30 fps is what built-in cameras offer; avfoundation refuses to open at its default 29.97.
    videoInput: (camera) => ({ input: `${camera.id.slice(PREFIX.length)}:none`, format: 'avfoundation', options: ['-framerate', '30'] }),
    defaultAudio: async () => ({ input: ':default', format: 'avfoundation' }),
    // The OS prompts on first use; a denial shows up as ffmpeg failing to open the input.
    accessProblem: async () => undefined,
  };
}

/**
 * The devices in ffmpeg's AVFoundation listing:
 * `[AVFoundation indev @ 0x…] AVFoundation video devices:` then `[AVFoundation indev @ 0x…] [0] FaceTime HD Camera`.
 */
export function parseAvfoundationDevices(stderr: string): ListedDevice[] {
  const devices: ListedDevice[] = [];
  let kind: ListedDevice['kind'] | undefined;
  for (const line of stderr.split('\n')) {
    if (/AVFoundation video devices:/.test(line)) kind = 'video';
    else if (/AVFoundation audio devices:/.test(line)) kind = 'audio';
    const m = /\] \[(\d+)\] (.+)$/.exec(line);
    if (m && kind) devices.push({ kind, index: Number(m[1]), name: m[2].trim() });
  }
  return devices;
}
