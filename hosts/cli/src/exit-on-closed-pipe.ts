/**
 * Makes the process end quietly when whoever reads its output goes away
 * (`openclaw config get meta --json | head -c 10`). Node ignores SIGPIPE, so a write to a
 * closed pipe surfaces as an `EPIPE` error event on the stream, which would otherwise
 * crash the process with a stack trace. Installed once, in the entry, so every command is
 * covered.
 *
 * Exit status: 0, or the failure status a command had already set; the reader leaving
 * early is not a failure of ours, and scripts running with `set -o pipefail` stay happy.
 * Other stream errors print one line on stderr (if it still works) and exit 1.
 */
export function exitOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      if (stream !== process.stderr) process.stderr.write(`openclaw: cannot write output: ${err.message}\n`);
      process.exit(1);
    });
  }
}
