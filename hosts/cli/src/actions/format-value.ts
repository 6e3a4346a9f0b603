/** How `config get` prints a value: scalars raw, structures (or anything with `json`) as pretty JSON. */
export function formatValue(value: unknown, json: boolean): string {
  if (!json && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return String(value);
  return JSON.stringify(value, null, 2);
}
