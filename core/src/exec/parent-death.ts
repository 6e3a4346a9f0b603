import { spawnSync } from 'node:child_process';
import { isExecutableFile } from './resolve-executable.js';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'];

/**
 * The argv prefix that ties a command to the host's life: on Linux, util-linux `setpriv
 * --pdeathsig KILL --`, so the kernel SIGKILLs the command when the host dies, even by
 * SIGKILL. It reaches the direct child only (its own children are reaped at the next start,
 * see `RunningGroups`). Empty where the OS has no such signal or setpriv is missing or too
 * old (before util-linux 2.33), checked once by running it.
 *
 * @example
 * parentDeathLauncher('linux'); // ['/usr/bin/setpriv', '--pdeathsig', 'KILL', '--']
 * parentDeathLauncher('darwin'); // []
 */
export function parentDeathLauncher(platform: NodeJS.Platform = process.platform): readonly string[] {
  if (platform !== 'linux') return [];
  for (const path of SETPRIV) {
    if (!isExecutableFile(path)) continue;
    const launcher = [path, '--pdeathsig', 'KILL', '--'];
    const probe = spawnSync(path, [...launcher.slice(1), '/bin/sh', '-c', ':'], { stdio: 'ignore', timeout: 5_000, env: {} });
    if (probe.status === 0) return launcher;
  }
  return [];
}
