/** A stream a progress line is written to: stderr, or a test's stand-in. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** One line redrawn in place on a terminal; `done()` clears it. */
export interface ProgressLine {
  update(text: string): void;
  done(): void;
}

const SILENT: ProgressLine = { update: () => undefined, done: () => undefined };
/** Redraws at most this often, so a fast download does not flood the terminal. */
const MIN_REDRAW_MS = 100;

/**
 * A progress line on `stream` when it is a terminal and the output is not `--json`;
 * otherwise one that writes nothing, so pipes, logs and agents see only the result.
 *
 * @example
 * const line = progressLine(process.stderr, flags.json);
 * line.update('downloading 1.0 MB / 52.4 MB');
 * line.done();
 */
export function progressLine(stream: ProgressStream, json = false): ProgressLine {
  if (!stream.isTTY || json) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (shown && now - last < MIN_REDRAW_MS) return;
      last = now;
      shown = true;
      // \r to the line start, the text, then erase what a longer previous text left.
      stream.write(`\r${text}\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** `12.3 MB` style sizes (decimal megabytes) for progress lines. */
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `3.2s` style durations for progress lines. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
