import { describe, expect, it } from 'vitest';
import { gatewayUrl, parseGatewayList } from './gateway-address.js';

const PIN = 'ab'.repeat(32);

describe('gateway address lists', () => {
  it('reads host, host:port and [v6]:port entries, --port for those without, then --url entries', () => {
    const list = parseGatewayList({ host: 'gw1, gw2:18790,[::1]:18791,[fe80::1],10.0.0.3', urls: ['wss://gw4.example:8443', 'ws://[::1]:9000/'], port: 18_800 });
    expect(list.map(gatewayUrl)).toEqual(['ws://gw1:18800', 'ws://gw2:18790', 'ws://[::1]:18791', 'ws://[fe80::1]:18800', 'ws://10.0.0.3:18800', 'wss://gw4.example:8443', 'ws://[::1]:9000']);
  });

  it('drops repeated addresses and pins every address with one fingerprint', () => {
    const list = parseGatewayList({ host: 'gw1,GW1:18789,gw2', urls: ['wss://gw3:443'], tlsFingerprint: PIN });
    expect(list).toEqual([
      { host: 'gw1', port: 18_789, tls: true, tlsFingerprint: PIN },
      { host: 'gw2', port: 18_789, tls: true, tlsFingerprint: PIN },
      { host: 'gw3', port: 443, tls: true, tlsFingerprint: PIN },
    ]);
  });

  it.each([
    [{ host: 'gw1,,gw2' }, /empty gateway address/],
    [{ host: 'gw1:0' }, /invalid port .*"gw1:0"/],
    [{ host: 'gw1:99999' }, /invalid port/],
    [{ host: 'gw 1' }, /invalid gateway address "gw 1"/],
    [{ host: 'user@gw1' }, /invalid gateway address/],
    [{ host: '[gw1]:80' }, /brackets hold an IPv6 address/],
    [{ host: `${'a'.repeat(301)}` }, /longer than 300 characters/],
    [{ host: Array.from({ length: 17 }, (_, i) => `gw${i}`).join(',') }, /17 gateway addresses given; at most 16/],
    [{ host: 'gw1', urls: Array.from({ length: 16 }, (_, i) => `ws://gw${i}:1`) }, /17 gateway addresses/],
    [{ urls: ['http://gw1:80'] }, /invalid --url "http:\/\/gw1:80"/],
    [{ urls: ['ws://u:p@gw1:80'] }, /without credentials, path or query/],
    [{ urls: ['ws://gw1:80/x?y'] }, /without credentials, path or query/],
    [{ urls: ['not a url'] }, /invalid --url/],
    [{ urls: ['ws://gw1:80'], tlsFingerprint: PIN }, /plaintext ws:\/\/; use wss:\/\//],
    [{ host: 'gw1', tlsFingerprint: 'nope' }, /must be a SHA-256 fingerprint/],
  ])('refuses %j with a coded error naming the entry', (flags, message) => {
    expect(() => parseGatewayList(flags)).toThrow(expect.objectContaining({ code: 'CLI_USAGE', message: expect.stringMatching(message) }));
  });
});
