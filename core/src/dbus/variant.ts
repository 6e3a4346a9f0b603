/**
 * The value inside a D-Bus variant as @homebridge/dbus-native unmarshals it
 * (`[[signature], [value]]`); anything else is answered as it is.
 *
 * @example
 * variantValue([[{ type: 'd', child: [] }], [52.52]]); // 52.52
 */
export function variantValue(v: unknown): unknown {
  return Array.isArray(v) && v.length === 2 && Array.isArray(v[1]) ? v[1][0] : v;
}
