import { describe, expect, it } from 'vitest';
import { serviceRunFlags } from './service-flags.js';

describe('serviceRunFlags', () => {
  it('reads the address flags after run, in either form', () => {
    expect(serviceRunFlags("/usr/bin/node '/opt/open claw/openclaw.js' gateway run --port 18799 --tls")).toEqual({ port: 18799, tls: true });
    expect(serviceRunFlags('node x.js node run --host=10.0.0.2 --port 1 --tls-fingerprint AB:CD')).toEqual({ host: '10.0.0.2', port: 1, tls: true, tlsFingerprint: 'AB:CD' });
  });

  it('ignores what it cannot read', () => {
    expect(serviceRunFlags(undefined)).toEqual({});
    expect(serviceRunFlags('node x.js gateway run --port 99999')).toEqual({});
    expect(serviceRunFlags('node x.js gateway run --port $(id)')).toEqual({});
  });
});
