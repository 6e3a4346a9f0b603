import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Editors write in bursts (truncate, write, rename); one reload follows the last of them. */
const DEBOUNCE_MS = 250;

/**
 * Watches one config file and calls `reload` after it changes: the directory is watched, so a
 * file an editor replaces by rename is still seen. Reloads never overlap; a change during one
 * reload makes one more. A failing `reload` is passed to `onError`, and watching goes on.
 * Returns the stop function.
 *
 * @example
 * const stop = watchConfigFile('/home/me/.openclaw/openclaw.json', reapplyOptions, (err) => log.warn(err));
 */
export function watchConfigFile(path: string, reload: () => Promise<void>, onError: (err: unknown) => void): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): void => {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = reload()
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
  } catch (err) {
    onError(err);
    return () => undefined;
  }
  watcher.on('error', onError);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
