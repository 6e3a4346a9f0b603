import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Most of a gammu config file read for its `device` line; real ones are a few hundred bytes. */
const MAX_CONFIG_BYTES = 64 * 1024;

/** The `device = …` of a gammu config file's first section, if the file can be read. */
export function configuredDevice(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, MAX_CONFIG_BYTES, 0)).toString('utf8');
    return /^\s*device\s*=\s*(.+?)\s*$/m.exec(text)?.[1];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Whether, and as which file, `path` exists now: a device node replugged gets a new inode, an
 * edited config file a new time. A device's own time is left out: the dummy driver's directory
 * changes with every message sent.
 */
function identity(path: string | undefined, withTime: boolean): string {
  if (path === undefined) return '-';
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}${withTime ? `:${st.mtimeMs}:${st.size}` : ''}`;
  } catch {
    return 'absent';
  }
}

/**
 * Watches where a gammu modem is: the config file (when one is given) and the device it names
 * (a serial port such as `/dev/ttyUSB2`, or the dummy driver's directory), by looking at both
 * every `intervalMs`. gammu itself is not run for this: a probe of a real serial modem takes
 * seconds, so `onChange` is called only when either appeared, vanished or was replaced.
 *
 * @returns the function that stops watching.
 */
export function watchGammuDevice(configFile: string | undefined, device: string | undefined, intervalMs: number, onChange: () => void): () => void {
  const fingerprint = () => {
    const dev = configFile === undefined ? device : configuredDevice(configFile);
    return `${identity(configFile, true)}|${dev ?? ''}|${identity(dev, false)}`;
  };
  let last = fingerprint();
  const timer = setInterval(() => {
    const now = fingerprint();
    if (now === last) return;
    last = now;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
