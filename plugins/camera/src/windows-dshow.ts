import type { CameraPlatform, PlatformCamera } from './camera-platform.js';
import { deviceListing, type ListedDevice } from './device-listing.js';

const PREFIX = 'dshow:';

/**
 * Windows: cameras and microphones through ffmpeg's DirectShow input, listed with
 * `-list_devices true -f dshow -i dummy` and opened by name (`-f dshow -i "video=Integrated
 * Camera"`); the default microphone is the first audio device listed.
 */
export function windowsDshow(): CameraPlatform {
  const list = async (ctx: Parameters<CameraPlatform['listCameras']>[0]) => parseDshowDevices(await deviceListing(['-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'], ctx));
  return {
    demuxer: 'dshow',
    async listCameras(ctx) {
      return (await list(ctx))
        .filter((d) => d.kind === 'video')
        .map((d): PlatformCamera => ({ id: `${PREFIX}${d.name}`, name: d.name, position: /front|integrated|user/i.test(d.name) ? 'front' : /rear|back/i.test(d.name) ? 'back' : 'unspecified', deviceType: 'dshow' }));
    },
    videoInput: (camera) => ({ input: `video=${camera.id.slice(PREFIX.length)}`, format: 'dshow' }),
    async defaultAudio(ctx) {
      const mic = (await list(ctx)).find((d) => d.kind === 'audio');
      return mic === undefined ? undefined : { input: `audio=${mic.name}`, format: 'dshow' };
    },
    // Windows' camera privacy switch shows up as ffmpeg failing to open the input.
    accessProblem: async () => undefined,
  };
}

/**
 * The devices in ffmpeg's DirectShow listing: `[dshow @ 0x…] "Integrated Camera" (video)`
 * (ffmpeg 5+), or the older form with `DirectShow video devices` headings. Names holding `:`
 * are left out: dshow reads `video=A:audio=B`, so such a name cannot be opened.
 */
export function parseDshowDevices(stderr: string): ListedDevice[] {
  const devices: ListedDevice[] = [];
  let heading: ListedDevice['kind'] | undefined;
  for (const line of stderr.split('\n')) {
    if (/DirectShow video devices/.test(line)) heading = 'video';
    else if (/DirectShow audio devices/.test(line)) heading = 'audio';
    const m = /\] "([^"]+)"(?: \((video|audio)\))?\s*$/.exec(line);
    const kind = (m?.[2] as ListedDevice['kind'] | undefined) ?? heading;
    if (m && kind && !m[1].includes(':') && !/Alternative name/.test(line)) {
      devices.push({ kind, index: devices.filter((d) => d.kind === kind).length, name: m[1] });
    }
  }
  return devices;
}
