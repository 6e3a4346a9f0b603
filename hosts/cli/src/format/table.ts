/**
 * `text` with control characters (C0, DEL, C1: escape sequences, carriage returns, bells)
 * and bidirectional overrides shown as `?`: what a node, a plugin package or a remote gateway
 * reports must never drive the operator's terminal, nor show a command reordered.
 *
 * @example
 * printable('1.0.0\u001b[31m'); // '1.0.0?[31m'
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
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
