import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Connection } from './connection.js';

/** A socket that is open and records what is sent. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = { readyState: 1, bufferedAmount: 0, send: (text: string) => void sent.push(text) } as unknown as WebSocket;
  return { socket, sent };
}

const tooDeepForStringify = () => JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);

describe('Connection', () => {
  it('answers a payload JSON cannot encode with PAYLOAD_TOO_DEEP instead of throwing', () => {
    const { socket, sent } = fakeSocket();
    const conn = new Connection('c1', socket, '127.0.0.1', true, 'nonce');
    expect(() => conn.respond('1:a', { nested: tooDeepForStringify() })).not.toThrow();
    expect(JSON.parse(sent[0]!)).toMatchObject({ type: 'res', id: '1:a', ok: false, error: { code: 'INVALID_REQUEST', details: { code: 'PAYLOAD_TOO_DEEP' } } });
  });

  it('still answers when the error itself carries something unencodable', () => {
    const { socket, sent } = fakeSocket();
    const conn = new Connection('c1', socket, '127.0.0.1', true, 'nonce');
    conn.respondError('1:b', { code: 'UNAVAILABLE', message: 'node failed', details: { echoed: tooDeepForStringify() } });
    expect(JSON.parse(sent[0]!)).toMatchObject({ id: '1:b', ok: false, error: { details: { code: 'PAYLOAD_TOO_DEEP' } } });
  });
});
