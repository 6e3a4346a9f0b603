/** A signal as a D-Bus match rule selects it: who sends it, on which object, which member. */
export interface DbusSignalMatch {
  /** The sender's bus name (`org.freedesktop.DBus`, `org.freedesktop.ModemManager1`). */
  readonly sender: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  /** The first argument must equal this string (NameOwnerChanged's name, say). */
  readonly arg0?: string;
}

/** Bus names, paths and interface names never hold these; a value with them would end the rule early. */
const UNSAFE = /[',\\\x00-\x1f]/;

/**
 * The match rule text for `AddMatch`:
 * `type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',…`.
 *
 * @throws Error when a value holds a quote, comma, backslash or control character.
 */
export function matchRule(match: DbusSignalMatch): string {
  const fields: Array<[string, string | undefined]> = [
    ['type', 'signal'],
    ['sender', match.sender],
    ['path', match.path],
    ['interface', match.interface],
    ['member', match.member],
    ['arg0', match.arg0],
  ];
  return fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([key, value]) => {
      if (UNSAFE.test(value)) throw new Error(`a D-Bus match rule cannot carry ${JSON.stringify(value)}`);
      return `${key}='${value}'`;
    })
    .join(',');
}
