import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBody } from './file-body.js';

type Env = { Bindings: { incoming: IncomingMessage; outgoing: ServerResponse } };

// Through @hono/node-server on a real socket, to a client that reads slowly: a buffer reused
// before the socket took its bytes would show as a wrong hash.
describe('fileBody', () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-body-'));
  const path = join(dir, 'media.bin');
  // Far past what loopback's socket buffers take, so the server's writes back up.
  const bytes = randomBytes(24 * 1024 * 1024 + 12_345);
  let server: Server;
  let port: number;

  beforeAll(async () => {
    writeFileSync(path, bytes);
    const app = new Hono<Env>();
    app.get('/media', (c) => {
      const [start, end] = (c.req.query('range') ?? `0-${bytes.length - 1}`).split('-').map(Number);
      return new Response(fileBody(path, start, end, c.env.outgoing));
    });
    server = createAdaptorServer({ fetch: app.fetch }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** The body's SHA-256, read with a pause after every 512 KiB so the server's socket backs up. */
  const fetchSlowly = (query = '') =>
    new Promise<{ sha256: string; size: number }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: `/media${query}` }, (res) => {
        const hash = createHash('sha256');
        let size = 0;
        let sinceRest = 0;
        res.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          size += chunk.length;
          sinceRest += chunk.length;
          if (sinceRest >= 512 * 1024) {
            sinceRest = 0;
            res.pause();
            setTimeout(() => res.resume(), 5);
          }
        });
        res.on('end', () => resolve({ sha256: hash.digest('hex'), size }));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('sends every byte of the file, in order, to a reader that lags', async () => {
    expect(await fetchSlowly()).toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it('sends exactly the range asked for, across chunk boundaries', async () => {
    const start = 1024 * 1024 - 7;
    const end = 5 * 1024 * 1024 + 3;
    expect(await fetchSlowly(`?range=${start}-${end}`)).toEqual({ sha256: sha256(bytes.subarray(start, end + 1)), size: end - start + 1 });
    expect(await fetchSlowly('?range=5-5')).toEqual({ sha256: sha256(bytes.subarray(5, 6)), size: 1 });
  });

  it('sends the same bytes when many readers share the server at once', async () => {
    const all = await Promise.all(Array.from({ length: 4 }, () => fetchSlowly()));
    for (const got of all) expect(got).toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it('never fills a buffer whose chunk the response still holds unsent', async () => {
    // A response that has sent nothing of what it was given (a client that stopped reading):
    // every chunk handed out must keep its bytes, however many follow.
    const response = { writableLength: 0 };
    const reader = fileBody(path, 0, 6 * 1024 * 1024 - 1, response).getReader();
    const given: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      const { value } = await reader.read();
      given.push(value!);
      response.writableLength += value!.length;
    }
    await reader.cancel();
    given.forEach((chunk, i) => expect(Buffer.compare(Buffer.from(chunk), bytes.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024)), `chunk ${i}`).toBe(0));
  });

  it('gives a file of no bytes an empty body', async () => {
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    const { done } = await fileBody(empty, 0, -1).getReader().read();
    expect(done).toBe(true);
  });
});
