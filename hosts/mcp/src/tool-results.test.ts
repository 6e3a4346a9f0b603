import { describe, expect, it } from 'vitest';
import type { GatewayPort } from './gateway-port.js';
import { execContent, MAX_TEXT_CHARS, payloadContent } from './tool-results.js';

const port = (over: Partial<GatewayPort> = {}): GatewayPort => ({
  caller: 'token',
  call: async () => ({}),
  hasScope: () => true,
  commandSpec: () => undefined,
  subscribe: () => () => {},
  log: () => {},
  ...over,
});

describe('tool results', () => {
  it('answers a clip named by gateway url as a resource link to the absolute url, with its metadata', async () => {
    const result = await payloadContent(port({ mediaUrl: (u) => `http://127.0.0.1:1/${u.replace(/^\//, '')}` }), 'camera.clip', { format: 'mp4', durationMs: 3000, hasAudio: false, url: '/v1/media/abc' });
    expect(result.content[0]).toMatchObject({ type: 'resource_link', uri: 'http://127.0.0.1:1/v1/media/abc', mimeType: 'video/mp4' });
    expect(JSON.parse((result.content[1] as { text: string }).text)).toEqual({ format: 'mp4', durationMs: 3000, hasAudio: false });
  });

  it('answers an inline clip as an embedded blob resource', async () => {
    const result = await payloadContent(port(), 'screen.record', { format: 'mp4', base64: 'AAAA' });
    expect(result.content[0]).toMatchObject({ type: 'resource', resource: { mimeType: 'video/mp4', blob: 'AAAA' } });
  });

  it('answers a still named by url as image content read back from the store, or a link when it cannot be read', async () => {
    const read = await payloadContent(port({ readMedia: async () => ({ bytes: Buffer.from('png!'), contentType: 'image/png' }) }), 'canvas.snapshot', { format: 'png', url: '/v1/media/x' });
    expect(read.content[0]).toEqual({ type: 'image', data: Buffer.from('png!').toString('base64'), mimeType: 'image/png' });
    const unread = await payloadContent(port({ readMedia: async () => undefined, mediaUrl: (u) => `http://127.0.0.1:1${u}` }), 'canvas.snapshot', { format: 'png', url: '/v1/media/x' });
    expect(unread.content[0]).toMatchObject({ type: 'resource_link', mimeType: 'image/png' });
  });

  it('refuses media at a url the gateway does not store, rather than linking to it', async () => {
    for (const url of ['https://attacker.example/steal', '/v1/media/../../gateway/pairing.json']) {
      await expect(payloadContent(port({ mediaUrl: () => undefined }), 'camera.clip', { format: 'mp4', url })).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
      // Over stdio the port resolves no urls at all.
      await expect(payloadContent(port(), 'camera.clip', { format: 'mp4', url })).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    }
  });

  it('answers system_run as exit code, stdout and stderr, a failure as a tool error, and cuts huge output saying so', () => {
    const ok = execContent({ ok: true, result: { status: 'completed', exitCode: 0, stdout: 'hi\n', stderr: '' } });
    expect(ok.isError).toBe(false);
    expect((ok.content[0] as { text: string }).text).toBe('exit code: 0\nstdout:\nhi\n\nstderr:\n');
    const failed = execContent({ ok: true, result: { status: 'failed', exitCode: 2, stdout: 'x'.repeat(MAX_TEXT_CHARS + 10), stderr: 'bad' } });
    expect(failed.isError).toBe(true);
    expect((failed.content[0] as { text: string }).text).toMatch(/^exit code: 2\n[\s\S]*… \(cut: the answer is \d+ characters/);
  });
});
