import { describe, expect, it } from 'vitest';
import { NodeMediaUploadParamsSchema, NodeMediaUploadResultSchema } from './node-media.js';

describe('node.media.upload schemas', () => {
  it('takes a slot only as a path on the same gateway, so the device token never goes elsewhere', () => {
    const slot = { uploadPath: '/node/media/abc_DEF-123', expiresAtMs: 1, maxBytes: 10 };
    expect(NodeMediaUploadResultSchema.safeParse(slot).success).toBe(true);
    for (const uploadPath of ['https://elsewhere.example/node/media/abc', '//elsewhere.example/node/media/abc', '/node/media/../v1/nodes', '/v1/media/abc']) {
      expect(NodeMediaUploadResultSchema.safeParse({ ...slot, uploadPath }).success, uploadPath).toBe(false);
    }
  });

  it('bounds what a node may ask for', () => {
    const ok = { invokeId: 'i1', contentType: 'video/mp4', bytes: 1 };
    expect(NodeMediaUploadParamsSchema.safeParse(ok).success).toBe(true);
    for (const bad of [{ bytes: 0 }, { bytes: 1.5 }, { contentType: 'video/mp4\r\nX-Evil: 1' }, { contentType: 'text/html' }, { contentType: 'image/svg+xml' }, { invokeId: 'x'.repeat(129) }]) {
      expect(NodeMediaUploadParamsSchema.safeParse({ ...ok, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
