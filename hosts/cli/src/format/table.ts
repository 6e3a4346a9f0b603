import { printable } from '@openclaw-nodes/core/printable';

// The one sanitiser for peer text in CLI output, shared with the gateway's logs.
export { printable };

/**
 * Writes `lines` to stdout, each line `printable`: the way every CLI view that quotes a node,
 * a file or a remote gateway prints, so no name can drive the terminal or reorder a line.
 */
export function writeLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n').split('\n').map(printable).join('\n')}\n`);
}

/**
 * A plain text table with a header rule, sized to its content. No colours, no box drawing:
 * it stays readable when piped or logged. Cells are shown `printable`.
 *
 * @example
 * table(['Node', 'ID'], [['Build Node', 'e5af08…']]);
 */
export function table(header: readonly string[], rawRows: ReadonlyArray<readonly string[]>): string {
  const rows = rawRows.map((r) => r.map((c) => printable(c ?? '')));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `just now`, `5m ago`, `3h ago`, `2d ago` (CLI.md section 5.1). */
export function age(ms: number | undefined, now = Date.now()): string {
  if (ms === undefined) return 'unknown';
  const minutes = Math.floor((now - ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
