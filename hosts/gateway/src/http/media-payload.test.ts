import { describe, expect, it } from 'vitest';
import { isOpenClawError } from '@openclaw-nodes/core/errors';
import { decodeMediaPayload } from './media-payload.js';
import { mediaApiRoutes } from './media-route.js';
import { canvasSnapshotMedia } from '@openclaw-nodes/plugin-canvas/gateway';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/p+2QAAAAAABJRU5ErkJggg==', 'base64');

const refusal = (payload: unknown, formats = ['png', 'jpeg']) => {
  try {
    decodeMediaPayload(payload, formats);
  } catch (err) {
    if (isOpenClawError(err, 'MEDIA_PAYLOAD_INVALID')) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('decodeMediaPayload', () => {
  it('returns the bytes of a well-formed payload, reading jpg as jpeg', () => {
    expect(decodeMediaPayload({ format: 'png', base64: PNG.toString('base64'), width: 1 }, ['png'])).toEqual({ format: 'png', bytes: PNG });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(decodeMediaPayload({ format: 'jpg', base64: jpeg.toString('base64') }, ['jpeg']).format).toBe('jpeg');
  });

  it('refuses a missing or unexpected format, bad base64 and bytes that are not the format', () => {
    expect(refusal(null)).toContain('format undefined');
    expect(refusal({ format: 'gif', base64: 'R0lGODlh' })).toContain('expected one of png, jpeg');
    expect(refusal({ format: 'png', base64: '' })).toContain('without valid base64');
    expect(refusal({ format: 'png', base64: 'not base64!' })).toContain('without valid base64');
    expect(refusal({ format: 'png', base64: 'abc' })).toContain('without valid base64');
    expect(refusal({ format: 'jpeg', base64: PNG.toString('base64') })).toContain('does not start like jpeg');
  });
});

describe('mediaApiRoutes', () => {
  it('serves a media route under /v1/nodes/:node and refuses a path claimed twice or malformed', () => {
    expect(mediaApiRoutes([canvasSnapshotMedia]).map((r) => `${r.verb} ${r.path}`)).toEqual(['GET /v1/nodes/:node/canvas/snapshot']);
    expect(() => mediaApiRoutes([canvasSnapshotMedia, canvasSnapshotMedia])).toThrow('registered twice');
    expect(() => mediaApiRoutes([{ ...canvasSnapshotMedia, path: '../admin' }])).toThrow('must be lowercase words');
    expect(() => mediaApiRoutes([{ ...canvasSnapshotMedia, path: 'invoke' }])).toThrow('is taken by POST');
  });
});
