import { describe, expect, it } from 'vitest';
import { parseBusAddress } from './bus-address.js';

describe('parseBusAddress', () => {
  it('takes the first unix:path= transport, unescaping %XX', () => {
    expect(parseBusAddress('unix:path=/run/user/1000/bus,guid=abc')).toEqual({ socket: '/run/user/1000/bus' });
    expect(parseBusAddress('tcp:host=127.0.0.1,port=1;unix:path=/tmp/a%20b')).toEqual({ socket: '/tmp/a b' });
  });

  it('refuses transports that reach another machine or run a program, with the reason', () => {
    expect(parseBusAddress('tcp:host=10.0.0.2,port=55556')).toBe('tcp: transports are not used (only unix:path=)');
    expect(parseBusAddress('unixexec:path=/bin/sh,argv1=-c,argv2=touch%20/tmp/pwned')).toBe('unixexec: transports are not used (only unix:path=)');
    expect(parseBusAddress('unix:abstract=/tmp/dbus-x')).toBe('unix: transports are not used (only unix:path=)');
    expect(parseBusAddress(undefined)).toBe('no bus address is set');
    expect(parseBusAddress(`unix:path=/${'a'.repeat(2_000)}`)).toMatch(/longer than 1024/);
  });
});
