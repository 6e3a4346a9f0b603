import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** Ends a child process and waits for it. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A D-Bus bus of its own (`dbus-daemon`) on a socket in a temp dir, with no service
 * directories: nothing is started on demand (Debian's dunst package, for one, installs an
 * activation file), so a service is there only when a test starts it. `type` is what the bus
 * says it is: a session bus, or a system bus standing in for the machine's.
 */
export async function startPrivateBus(type: 'session' | 'system') {
  if (spawnSync('dbus-daemon', ['--version'], { stdio: 'ignore' }).error !== undefined) {
    throw new Error('dbus-daemon is not installed (apt-get install dbus); these tests talk to services on a real bus');
  }
  const dir = tempDir(`oc-${type}-bus-`);
  const socket = join(dir.path, 'bus');
  writeFileSync(
    join(dir.path, 'bus.conf'),
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>${type}</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
  );
  const bus = spawn('dbus-daemon', [`--config-file=${join(dir.path, 'bus.conf')}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not print its address within 10 s')), 10_000);
    bus.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited ${code}`)));
  });
  return {
    /** The bus address clients connect to (`unix:path=…,guid=…`). */
    address,
    /** A directory the caller may keep files in; removed with the bus. */
    dir: dir.path,
    async stop(): Promise<void> {
      await stopChild(bus);
      dir.cleanup();
    },
  };
}
