import { describe, expect, it } from 'vitest';
import { OpenClawError } from './openclaw-error.js';

describe('OpenClawError on input it was not written for', () => {
  it('turns a code missing from the list into UNAVAILABLE on the wire, keeping the code in details', () => {
    // What plain JavaScript (a third-party plugin) can throw; the type cannot stop it.
    const err = new OpenClawError('CAMERA_ON_FIRE' as never, 'the camera is on fire', { details: { device: 'video0' } });
    expect(err.wireCode).toBe('UNAVAILABLE');
    expect(err.status).toBe(500);
    expect(err.toWire()).toEqual({ code: 'UNAVAILABLE', message: 'the camera is on fire', details: { code: 'CAMERA_ON_FIRE', device: 'video0' } });
  });

  it('wraps anything thrown, even values that refuse to become a string', () => {
    expect(OpenClawError.from('plain text').message).toBe('plain text');
    expect(OpenClawError.from(undefined).message).toBe('undefined');
    expect(OpenClawError.from(Object.create(null), 'NODE_INVOKE_FAILED')).toMatchObject({ code: 'NODE_INVOKE_FAILED', message: 'a thrown object that cannot be printed' });
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(OpenClawError.from(hostile).message).toBe('a thrown object that cannot be printed');
  });
});
