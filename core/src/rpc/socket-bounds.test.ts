import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { sendBounded } from './socket-bounds.js';

let server: WebSocketServer | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A client socket and how many TCP reads the server's side needed for what arrived. */
async function pair(): Promise<{ client: WebSocket; received: () => Promise<{ reads: number; frames: number }> }> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server!.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => server!.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  await new Promise((resolve) => client.once('open', resolve));
  const peer = await accepted;
  let reads = 0;
  let frames = 0;
  (peer as unknown as { _socket: NodeJS.ReadableStream })._socket.on('data', () => reads++);
  peer.on('message', () => frames++);
  const received = async () => {
    for (let i = 0; i < 200 && frames < 20; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return { reads, frames };
  };
  return { client, received };
}

describe('sendBounded', () => {
  it('sends the frames of one turn in one write, so they reach the peer in one read', async () => {
    const { client, received } = await pair();
    for (let i = 0; i < 20; i++) expect(sendBounded(client, `{"n":${i}}`, 1024 * 1024)).toBe(true);
    expect(await received()).toEqual({ reads: 1, frames: 20 });
    client.close();
  });

  it('lets a large frame leave at once instead of holding it with the small ones', async () => {
    const { client, received } = await pair();
    sendBounded(client, '{"n":0}', 1024 * 1024);
    const raw = (client as unknown as { _socket: { writableCorked: number; writableLength: number } })._socket;
    expect(raw.writableCorked).toBe(1);
    expect(sendBounded(client, `"${'x'.repeat(100_000)}"`, 1024 * 1024)).toBe(true);
    expect(raw.writableCorked).toBe(0);
    for (let i = 0; i < 18; i++) sendBounded(client, `{"n":${i}}`, 1024 * 1024);
    expect((await received()).frames).toBe(20);
    client.close();
  });
});
