import { describe, expect, it } from 'vitest';
import { OpenClawError } from '../errors/openclaw-error.js';
import { PREAUTH_MAX_BYTES } from './constants.js';
import { encodeEvent, encodeEventJson, encodeRequest, encodeResponse } from './encode.js';
import { RequestFrameSchema } from './frames.js';
import { parseFrame } from './parse-frame.js';

function failure(text: string | Buffer, maxBytes?: number): OpenClawError {
  try {
    parseFrame(text, maxBytes);
  } catch (err) {
    if (err instanceof OpenClawError) return err;
    throw err;
  }
  throw new Error(`parsed: ${String(text)}`);
}

describe('parseFrame', () => {
  it('decodes the three frame types from strings and buffers', () => {
    expect(parseFrame('{"type":"req","id":"1:a","method":"node.list","params":{}}')).toEqual({
      type: 'req',
      id: '1:a',
      method: 'node.list',
      params: {},
    });
    expect(parseFrame(Buffer.from('{"type":"res","id":"1:a","ok":true,"payload":{"ok":true}}'))).toMatchObject({ type: 'res', ok: true });
    expect(parseFrame('{"type":"event","event":"tick","payload":{"ts":1},"seq":3}')).toMatchObject({ event: 'tick', seq: 3 });
  });

  it('reports malformed JSON as INVALID_FRAME with the parser message', () => {
    const err = failure('{"type":"req",');
    expect(err.code).toBe('INVALID_FRAME');
    expect(err.message).toMatch(/^invalid JSON frame: /);
    expect(err.toWire().code).toBe('INVALID_REQUEST');
  });

  it.each([
    ['null', /expected a JSON object, got null/],
    ['[1,2]', /expected a JSON object, got an array/],
    ['"req"', /expected a JSON object, got a string/],
    ['{"id":"1"}', /type must be "req", "res" or "event", got undefined/],
    ['{"type":"request","id":"1"}', /got "request"/],
    ['{"type":"req","id":"","method":"x"}', /id must be a non-empty string/],
    ['{"type":"req","id":1,"method":"x"}', /id must be a non-empty string/],
    ['{"type":"req","id":"1"}', /method must be a non-empty string/],
    ['{"type":"req","id":"1","method":"x","extra":true}', /unexpected property "extra"/],
    ['{"type":"req","id":"1","method":"x","traceparent":7}', /traceparent/],
    ['{"type":"res","id":"1"}', /ok must be a boolean/],
    ['{"type":"res","id":"1","ok":false}', /error\.code and error\.message/],
    ['{"type":"res","id":"1","ok":false,"error":{"code":"X"}}', /error\.code and error\.message/],
    ['{"type":"event","event":""}', /event must be a non-empty string/],
    ['{"type":"event","event":"tick","seq":-1}', /seq must be a non-negative integer/],
    ['{"type":"event","event":"tick","seq":1.5}', /seq must be a non-negative integer/],
  ])('rejects %s as INVALID_FRAME', (text, message) => {
    const err = failure(text);
    expect(err.code).toBe('INVALID_FRAME');
    expect(err.message).toMatch(message);
  });

  it('names the request id of a bad request so the receiver can answer it', () => {
    expect(failure('{"type":"req","id":"7:x","method":"m","bogus":1}').details).toEqual({ id: '7:x' });
  });

  it('agrees with the strict request schema on which extra keys are allowed', () => {
    const frames = [
      { type: 'req', id: '1', method: 'm', traceparent: '00-abc-def-01' },
      { type: 'req', id: '1', method: 'm', expectedProfileId: 'p' },
      { type: 'req', id: '1', method: 'm', traceparent: 'x'.repeat(129) },
      { type: 'req', id: '1', method: 'm', payload: {} },
    ];
    for (const frame of frames) {
      const text = JSON.stringify(frame);
      let handwritten = true;
      try {
        parseFrame(text);
      } catch {
        handwritten = false;
      }
      expect(handwritten, text).toBe(RequestFrameSchema.safeParse(frame).success);
    }
  });

  it('keeps unknown keys on responses and events that newer gateways may add', () => {
    expect(parseFrame('{"type":"event","event":"tick","payload":{"ts":1},"recipientProfileId":"p"}')).toMatchObject({ event: 'tick' });
  });

  it('refuses a frame over the size limit before parsing it', () => {
    const big = encodeRequest('1', 'node.event', { payloadJSON: 'x'.repeat(PREAUTH_MAX_BYTES) });
    const err = failure(big, PREAUTH_MAX_BYTES);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe(`frame of ${big.length} bytes exceeds the ${PREAUTH_MAX_BYTES} byte limit`);
    expect(failure(Buffer.from(big), PREAUTH_MAX_BYTES).code).toBe('PAYLOAD_TOO_LARGE');
    // Not even valid JSON: the size check comes first.
    expect(failure('{'.repeat(100), 99).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = encodeEvent('e', { s: 'é'.repeat(40) });
    expect(() => parseFrame(text, text.length + 5)).toThrow(/exceeds/);
    expect(parseFrame(text, Buffer.byteLength(text))).toMatchObject({ event: 'e' });
  });
});

describe('encoders', () => {
  it('produce frames parseFrame reads back', () => {
    expect(parseFrame(encodeRequest('3:u', 'node.describe', { nodeId: 'n' }))).toEqual({
      type: 'req',
      id: '3:u',
      method: 'node.describe',
      params: { nodeId: 'n' },
    });
    expect(parseFrame(encodeResponse('3:u', true, { ok: true }))).toEqual({ type: 'res', id: '3:u', ok: true, payload: { ok: true } });
    expect(parseFrame(encodeEvent('tick', { ts: 5 }, 9))).toEqual({ type: 'event', event: 'tick', payload: { ts: 5 }, seq: 9 });
  });

  it('insert a pre-encoded payload as is', () => {
    expect(parseFrame(encodeEventJson('node.pair.resolved', '{"requestId":"","nodeId":"n","decision":"removed","ts":1}', 4))).toEqual({
      type: 'event',
      event: 'node.pair.resolved',
      payload: { requestId: '', nodeId: 'n', decision: 'removed', ts: 1 },
      seq: 4,
    });
    expect(encodeEventJson('tick', '{"ts":1}')).toBe(encodeEvent('tick', { ts: 1 }));
  });

  it('leave out absent params and seq', () => {
    expect(encodeRequest('1', 'node.list')).toBe('{"type":"req","id":"1","method":"node.list"}');
    expect(encodeEvent('node.invoke.cancel', { invokeId: 'i', nodeId: 'n' })).not.toContain('seq');
  });

  it('send an OpenClawError as its wire shape', () => {
    const err = new OpenClawError('PAIRING_REQUIRED', 'pairing required: device is not approved yet', { details: { requestId: 'r1' } });
    expect(JSON.parse(encodeResponse('1', false, err))).toEqual({
      type: 'res',
      id: '1',
      ok: false,
      error: { code: 'NOT_PAIRED', message: 'pairing required: device is not approved yet', details: { code: 'PAIRING_REQUIRED', requestId: 'r1' } },
    });
  });

  it('never send a failed response without an error object', () => {
    expect(() => parseFrame(encodeResponse('1', false, undefined))).not.toThrow();
  });
});
