import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes.js';
import { OpenClawError } from './openclaw-error.js';

const docRows = () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, { wire: string; status: number }>();
  for (const m of doc.matchAll(/^\| `([A-Z0-9_]+)` \| `([A-Z_]+)` \| (\d+) \|/gm)) {
    rows.set(m[1], { wire: m[2], status: Number(m[3]) });
  }
  return rows;
};

describe('error code list', () => {
  it('is documented in docs/errors.md, code for code, with the same wire code and status', () => {
    const rows = docRows();
    const listed = Object.fromEntries(Object.entries(ERROR_CODES).map(([k, v]) => [k, { wire: v.wire, status: v.status }]));
    expect(Object.fromEntries(rows)).toEqual(listed);
  });

  it('puts a specific code in details.code under its wire code', () => {
    const err = new OpenClawError('DEVICE_AUTH_NONCE_MISMATCH', 'device nonce mismatch', { details: { reason: 'device-nonce-mismatch' } });
    expect(err.toWire()).toEqual({
      code: 'INVALID_REQUEST',
      message: 'device nonce mismatch',
      details: { code: 'DEVICE_AUTH_NONCE_MISMATCH', reason: 'device-nonce-mismatch' },
    });
    expect(OpenClawError.fromWire(err.toWire()).code).toBe('DEVICE_AUTH_NONCE_MISMATCH');
  });

  it('keeps a top-level wire code as is', () => {
    expect(new OpenClawError('UNAVAILABLE', 'node not connected').toWire()).toEqual({ code: 'UNAVAILABLE', message: 'node not connected' });
  });

  it("keeps a plugin's code from the wire under its wire code, and drops anything not shaped like a code", () => {
    const declared = OpenClawError.fromWire({ code: 'INVALID_REQUEST', message: 'ECHO_REFUSED: no', details: { code: 'ECHO_REFUSED' } });
    expect(declared).toMatchObject({ code: 'ECHO_REFUSED', wireCode: 'INVALID_REQUEST', status: 400 });
    expect(declared.toWire()).toEqual({ code: 'INVALID_REQUEST', message: 'ECHO_REFUSED: no', details: { code: 'ECHO_REFUSED' } });
    for (const junk of ['not a code', 'X'.repeat(65), 42]) {
      expect(OpenClawError.fromWire({ code: 'UNAVAILABLE', message: 'm', details: { code: junk } }).code).toBe('UNAVAILABLE');
    }
  });
});
