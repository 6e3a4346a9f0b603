/** Where a bus listens, as this client can reach it: a Unix socket path. */
export interface BusSocket {
  readonly socket: string;
}

/** Longest bus address read from the environment; real ones are well under 200 characters. */
const MAX_ADDRESS_LENGTH = 1_024;

/**
 * The first reachable transport of a D-Bus address (`unix:path=/run/user/1000/bus,guid=…`,
 * alternatives separated by `;`). Only `unix:path=` is used: `tcp:` would let an environment
 * variable point the node at another machine, `unixexec:` would run a program, and
 * `unix:abstract=` needs a native module this client does not load.
 *
 * @returns the socket, or a sentence saying why the address cannot be used.
 * @example
 * parseBusAddress('unix:path=/run/user/1000/bus'); // { socket: '/run/user/1000/bus' }
 * parseBusAddress('tcp:host=10.0.0.2,port=1'); // 'tcp: transports are not used (only unix:path=)'
 */
export function parseBusAddress(address: string | undefined): BusSocket | string {
  if (address === undefined || address.trim() === '') return 'no bus address is set';
  if (address.length > MAX_ADDRESS_LENGTH) return `the bus address is longer than ${MAX_ADDRESS_LENGTH} characters`;
  const refused: string[] = [];
  for (const entry of address.split(';')) {
    const colon = entry.indexOf(':');
    const family = colon < 0 ? entry : entry.slice(0, colon);
    const params = new Map(
      entry
        .slice(colon + 1)
        .split(',')
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
    );
    const path = params.get('path');
    if (family === 'unix' && path !== undefined && path.startsWith('/')) return { socket: unescapeAddress(path) };
    refused.push(`${family}: transports are not used (only unix:path=)`);
  }
  return refused.join('; ');
}

/** D-Bus addresses escape bytes as `%XX`. */
function unescapeAddress(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
