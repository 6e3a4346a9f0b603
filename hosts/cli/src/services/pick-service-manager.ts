import { OpenClawError } from '@openclaw-nodes/core/errors';
import { launchdManager } from './launchd-manager.js';
import type { ServiceManager } from './service-manager.js';
import { systemdManager } from './systemd-manager.js';
import { taskSchedulerManager } from './task-scheduler-manager.js';

/**
 * The service manager of this platform: systemd user units on Linux, launchd on macOS,
 * Task Scheduler on Windows. Only this function looks at the platform.
 *
 * @throws OpenClawError SERVICE_MANAGER_UNAVAILABLE on any other platform.
 */
export function pickServiceManager(options: { stateDir: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): ServiceManager {
  const platform = options.platform ?? process.platform;
  if (platform === 'linux') return systemdManager(options);
  if (platform === 'darwin') return launchdManager(options);
  if (platform === 'win32') return taskSchedulerManager(options);
  throw new OpenClawError('SERVICE_MANAGER_UNAVAILABLE', `no supported service manager on ${platform}; run \`openclaw node run\` under your own supervisor`);
}
