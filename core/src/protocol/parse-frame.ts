import { OpenClawError } from '../errors/openclaw-error.js';
import { exceedsByteLimit } from './byte-limit.js';
import { MAX_JSON_DEPTH, MAX_PAYLOAD_BYTES } from './constants.js';
import type { EventFrame, Frame, RequestFrame, ResponseFrame } from './frames.js';
import { jsonTextTooDeep, tooDeep } from './json-depth.js';

/**
 * Decodes one text frame. Runs on every frame, so it checks by hand only what routing
 * needs (the envelope); params and payloads are validated per method with the zod
 * schemas. Throws `PAYLOAD_TOO_LARGE` past `maxBytes`, `PAYLOAD_TOO_DEEP` past
 * `MAX_JSON_DEPTH` levels of nesting, `INVALID_FRAME` otherwise; when the frame is a request
 * with a readable id, `details.id` carries it so the receiver can answer.
 *
 * `req` frames are closed like the schema (a gateway must refuse unknown keys); `res` and
 * `event` frames tolerate extra keys, because newer gateways add envelope fields and a
 * client dropping every event over one new key would be worse than ignoring it.
 *
 * @example
 * const frame = parseFrame(data, PREAUTH_MAX_BYTES);
 * if (frame.type === 'req') route(frame.method, frame.params);
 */
export function parseFrame(data: string | Buffer, maxBytes: number = MAX_PAYLOAD_BYTES): Frame {
  let text: string;
  if (typeof data === 'string') {
    if (exceedsByteLimit(data, maxBytes)) throw tooLarge(Buffer.byteLength(data, 'utf8'), maxBytes);
    text = data;
  } else {
    if (data.length > maxBytes) throw tooLarge(data.length, maxBytes);
    text = data.toString('utf8');
  }
  const deep = jsonTextTooDeep(text, MAX_JSON_DEPTH);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new OpenClawError('INVALID_FRAME', `invalid JSON frame: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  // Parsed all the same (V8's parser does not recurse), only to read the id to answer.
  if (deep) throw withId(tooDeep('frame', MAX_JSON_DEPTH), value);
  return checkFrame(value);
}

/** The envelope check of `parseFrame`, for a value that is already parsed. */
export function checkFrame(value: unknown): Frame {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`invalid frame: expected a JSON object, got ${kind(value)}`);
  }
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'req':
      return checkRequest(frame);
    case 'res':
      return checkResponse(frame);
    case 'event':
      return checkEvent(frame);
    default:
      throw invalid(`invalid frame: type must be "req", "res" or "event", got ${typeof frame.type === 'string' ? JSON.stringify(frame.type) : kind(frame.type)}`);
  }
}

function checkRequest(frame: Record<string, unknown>): RequestFrame {
  const id = frame.id;
  if (typeof id !== 'string' || id === '') throw invalid('invalid req frame: id must be a non-empty string');
  if (typeof frame.method !== 'string' || frame.method === '') {
    throw invalid('invalid req frame: method must be a non-empty string', id);
  }
  for (const key in frame) {
    switch (key) {
      case 'type':
      case 'id':
      case 'method':
      case 'params':
        break;
      case 'traceparent':
        if (typeof frame.traceparent !== 'string' || frame.traceparent.length > 128) {
          throw invalid('invalid req frame: traceparent must be a string of at most 128 characters', id);
        }
        break;
      case 'expectedProfileId':
        if (typeof frame.expectedProfileId !== 'string' || frame.expectedProfileId === '') {
          throw invalid('invalid req frame: expectedProfileId must be a non-empty string', id);
        }
        break;
      default:
        throw invalid(`invalid req frame: unexpected property "${key}"`, id);
    }
  }
  return frame as RequestFrame;
}

function checkResponse(frame: Record<string, unknown>): ResponseFrame {
  if (typeof frame.id !== 'string' || frame.id === '') throw invalid('invalid res frame: id must be a non-empty string');
  if (typeof frame.ok !== 'boolean') throw invalid('invalid res frame: ok must be a boolean');
  if (!frame.ok) {
    const error = frame.error as Record<string, unknown> | null | undefined;
    if (typeof error !== 'object' || error === null || typeof error.code !== 'string' || typeof error.message !== 'string') {
      throw invalid('invalid res frame: a failed response needs error.code and error.message strings');
    }
  }
  return frame as ResponseFrame;
}

function checkEvent(frame: Record<string, unknown>): EventFrame {
  if (typeof frame.event !== 'string' || frame.event === '') throw invalid('invalid event frame: event must be a non-empty string');
  const seq = frame.seq;
  if (seq !== undefined && (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0)) {
    throw invalid('invalid event frame: seq must be a non-negative integer');
  }
  return frame as EventFrame;
}

/**
 * Adds what a receiver needs to answer a request it cannot read: its `id`, and its `method`
 * and `params.id` when they are short strings (a `node.invoke.result` names the call it
 * answers there, so that call can fail now instead of at its timeout). Only the shallow
 * envelope is read.
 */
function withId(error: OpenClawError, value: unknown): OpenClawError {
  const frame = value as { type?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
  if (typeof frame !== 'object' || frame === null || frame.type !== 'req' || typeof frame.id !== 'string' || frame.id === '') return error;
  const details: Record<string, unknown> = { ...error.details, id: frame.id };
  if (typeof frame.method === 'string' && frame.method.length <= 128) details.method = frame.method;
  const paramsId = typeof frame.params === 'object' && frame.params !== null ? (frame.params as { id?: unknown }).id : undefined;
  if (typeof paramsId === 'string' && paramsId.length <= 128) details.paramsId = paramsId;
  return error.withDetails(details);
}

const invalid = (message: string, id?: string): OpenClawError =>
  new OpenClawError('INVALID_FRAME', message, id === undefined ? undefined : { details: { id } });

const tooLarge = (size: number, max: number): OpenClawError =>
  new OpenClawError('PAYLOAD_TOO_LARGE', `frame of ${size} bytes exceeds the ${max} byte limit`, { details: { size, max } });

const kind = (value: unknown): string =>
  value === null ? 'null' : value === undefined ? 'undefined' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
