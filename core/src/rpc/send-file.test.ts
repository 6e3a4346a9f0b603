import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayHttp, readJsonResponse } from './gateway-http.js';
import { sendFile } from './send-file.js';

// Into a real HTTP request to a server that reads slowly: a buffer filled again before the
// socket took its bytes would show as a wrong hash on the server's side.
describe('sendFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-file-'));
  const path = join(dir, 'clip.bin');
  const bytes = randomBytes(7 * 1024 * 1024 + 4_321);
  let server: Server;
  let port: number;

  beforeAll(async () => {
    writeFileSync(path, bytes);
    server = createServer((req, res) => {
      if (req.url === '/hang-up') return void req.once('data', () => req.socket.destroy());
      const hash = createHash('sha256');
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        req.pause();
        setTimeout(() => req.resume(), 1);
      });
      req.on('end', () => res.end(JSON.stringify({ sha256: hash.digest('hex'), size })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (url: string, length: number) => {
    const req = request({ host: '127.0.0.1', port, path: url, method: 'PUT', headers: { 'content-length': String(length) } });
    const answer = new Promise<any>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c)).on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
    });
    answer.catch(() => undefined);
    return { req, answer };
  };

  it('sends the whole file, in order, to a server that reads slowly', async () => {
    const { req, answer } = put('/', bytes.length);
    await sendFile(req, path, bytes.length);
    expect(await answer).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
  });

  it('sends only the first `bytes` bytes', async () => {
    const { req, answer } = put('/', 1_500_000);
    await sendFile(req, path, 1_500_000);
    expect(await answer).toEqual({ sha256: createHash('sha256').update(bytes.subarray(0, 1_500_000)).digest('hex'), size: 1_500_000 });
  });

  it('fails, naming how far it got, for a file shorter than it was told', async () => {
    const { req } = put('/', bytes.length + 10);
    req.on('error', () => undefined);
    await expect(sendFile(req, path, bytes.length + 10)).rejects.toMatchObject({ code: 'NODE_INVOKE_FAILED', message: `the media file ended after ${bytes.length} of its ${bytes.length + 10} bytes` });
    req.destroy();
  });

  it('fails instead of waiting forever when the server hangs up midway', async () => {
    const { req } = put('/hang-up', bytes.length);
    req.on('error', () => undefined);
    await expect(sendFile(req, path, bytes.length)).rejects.toThrow();
  });

  it('stops when its signal is aborted', async () => {
    const { req } = put('/', bytes.length);
    req.on('error', () => undefined);
    const controller = new AbortController();
    controller.abort(new Error('invoke cancelled'));
    await expect(sendFile(req, path, bytes.length, controller.signal)).rejects.toThrow('invoke cancelled');
    req.destroy();
  });

  it('stops midway when its signal is aborted, the server still reading', async () => {
    const { req } = put('/', bytes.length);
    req.on('error', () => undefined);
    const controller = new AbortController();
    const sending = sendFile(req, path, bytes.length, controller.signal);
    req.once('socket', () => setTimeout(() => controller.abort(new Error('invoke cancelled midway')), 5));
    await expect(sending).rejects.toThrow('invoke cancelled midway');
    req.destroy();
  });

  it('settles for a request destroyed before it started, whatever the size', async () => {
    for (const size of [0, bytes.length]) {
      const { req } = put('/', size);
      req.on('error', () => undefined);
      req.destroy();
      await expect(sendFile(req, path, size)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    }
  });

  it('is what gatewayHttp uses for a file body, while a stream (a file stream too) is piped', async () => {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const bodies = [{ path, bytes: bytes.length }, createReadStream(path)];
    for (const body of bodies) {
      const res = await gatewayHttp({ url: `ws://127.0.0.1:${port}` }, 'PUT', '/', { body, headers: { 'content-length': String(bytes.length) } });
      expect(await readJsonResponse(res)).toEqual({ sha256: hash, size: bytes.length });
    }
  });
});
