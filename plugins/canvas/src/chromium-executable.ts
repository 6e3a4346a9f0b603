import { join } from 'node:path';
import { isExecutableFile } from '@openclaw-nodes/core/exec';
import type { HostEnvironment } from '@openclaw-nodes/core/plugin';

type Candidates = (env: HostEnvironment['env']) => string[];

/** Where each platform's package managers and installers put Chromium or Chrome, best first. */
const CANDIDATES: Partial<Record<NodeJS.Platform, Candidates>> = {
  linux: () => ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  freebsd: () => ['/usr/local/bin/chrome', '/usr/local/bin/chromium'],
  darwin: () => ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: (env) =>
    [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']]
      .filter((dir): dir is string => dir !== undefined && dir !== '')
      .flatMap((dir) => [join(dir, 'Chromium', 'Application', 'chrome.exe'), join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe')]),
};

/**
 * The Chromium executable the canvas drives: the configured one if it is an executable
 * file, else the first executable among the platform's usual places, else undefined.
 *
 * @example
 * findChromium(hostEnv); // '/usr/bin/chromium' on Debian with the chromium package
 */
export function findChromium(hostEnv: HostEnvironment, configured?: string): string | undefined {
  const candidates = configured !== undefined ? [configured] : (CANDIDATES[hostEnv.platform]?.(hostEnv.env) ?? []);
  return candidates.find(isExecutableFile);
}
