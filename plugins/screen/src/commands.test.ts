import { describe, expect, it } from 'vitest';
import { recordCommand, recordParams, recordResult, snapshotParams } from './commands.js';

const parse = (raw: unknown) => recordParams.parse(raw);

describe('screen.record params', () => {
  it('takes the defaults of COMMANDS.md 5 for a missing or null paramsJSON', () => {
    const defaults = { durationMs: 10_000, fps: 10, screenIndex: 0, includeAudio: true };
    expect(parse(undefined)).toEqual(defaults);
    expect(parse(null)).toEqual(defaults);
    expect(parse({})).toEqual(defaults);
  });

  it('clamps durationMs to [250, 60000] and fps to [1, 60], rounds fps, and reads non-numbers as the defaults', () => {
    expect(parse({ durationMs: 10, fps: 0.2 })).toMatchObject({ durationMs: 250, fps: 1 });
    expect(parse({ durationMs: 3_600_000, fps: 240 })).toMatchObject({ durationMs: 60_000, fps: 60 });
    expect(parse({ durationMs: 1234.6, fps: 14.6 })).toMatchObject({ durationMs: 1235, fps: 15 });
    expect(parse({ durationMs: null, fps: 'fast' })).toMatchObject({ durationMs: 10_000, fps: 10 });
    expect(parse({ fps: Number.POSITIVE_INFINITY })).toMatchObject({ fps: 10 });
  });

  it('accepts only mp4, and an index that is a small non-negative integer', () => {
    expect(recordParams.safeParse({ format: 'mov' }).error?.issues[0].message).toBe('screen format must be mp4');
    expect(recordParams.safeParse({ format: 'mp4' }).success).toBe(true);
    for (const screenIndex of [-1, 1.5, '0', 65]) expect(recordParams.safeParse({ screenIndex }).success, String(screenIndex)).toBe(false);
  });

  it('is dangerous and needs a display', () => {
    expect(recordCommand).toMatchObject({ dangerous: true, foreground: true });
  });

  it('answers base64 or url, never both and never neither', () => {
    const base = { format: 'mp4', durationMs: 1000, fps: 10, screenIndex: 0, hasAudio: false, width: 320, height: 240 };
    expect(recordResult.safeParse({ ...base, base64: 'AAAA' }).success).toBe(true);
    expect(recordResult.safeParse({ ...base, url: 'http://127.0.0.1/x' }).success).toBe(true);
    expect(recordResult.safeParse({ ...base, base64: 'AAAA', url: 'http://127.0.0.1/x' }).success).toBe(false);
    expect(recordResult.safeParse(base).success).toBe(false);
  });
});

describe('screen.snapshot params', () => {
  it('defaults to a png of display 0 at full size; jpg means jpeg; a non-positive maxWidth means full size', () => {
    expect(snapshotParams.parse(null)).toEqual({ screenIndex: 0, format: 'png', maxWidth: undefined, quality: 0.9 });
    expect(snapshotParams.parse({ format: 'jpg', maxWidth: 0, screenIndex: 1 })).toMatchObject({ format: 'jpeg', maxWidth: undefined, screenIndex: 1 });
    expect(snapshotParams.safeParse({ format: 'gif' }).success).toBe(false);
  });

  it('names the real bound of maxWidth, not its type, when it is too wide', () => {
    expect(snapshotParams.safeParse({ maxWidth: 1e9 }).error?.issues[0].message).toBe('maxWidth must be at most 16384 pixels (0 or less: full size)');
    expect(snapshotParams.safeParse({ maxWidth: 1.5 }).error?.issues[0].message).toBe('maxWidth must be an integer');
  });
});
