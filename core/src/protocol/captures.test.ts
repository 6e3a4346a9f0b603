import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConnectParamsSchema } from './connect.js';
import { formatZodIssues } from './format-zod-issues.js';
import { FrameSchema, type Frame } from './frames.js';
import { HelloOkSchema } from './hello-ok.js';
import { EVENT_PAYLOAD_SCHEMAS, METHOD_PARAM_SCHEMAS, METHOD_RESULT_SCHEMAS } from './method-schemas.js';
import { parseFrame } from './parse-frame.js';

// Frames recorded between the real OpenClaw 2026.9.6 gateway, node host and CLI.
const dir = new URL('../../test-fixtures/protocol/captures/', import.meta.url);

interface Recorded {
  where: string;
  dir: 'c2s' | 's2c';
  conn: number;
  frame: Frame;
}

const records: Recorded[] = readdirSync(dir)
  .filter((name) => name.endsWith('.jsonl'))
  .sort()
  .flatMap((name) =>
    readFileSync(new URL(name, dir), 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        if (line.trim() === '') return [];
        const record = JSON.parse(line) as { dir: string; conn: number; frame?: Frame };
        if (record.dir === 'meta' || record.frame === undefined) return [];
        return [{ where: `${name}:${i + 1}`, dir: record.dir as Recorded['dir'], conn: record.conn, frame: record.frame }];
      }),
  );

const requests = records.flatMap((r) => (r.frame.type === 'req' ? [{ ...r, frame: r.frame }] : []));
const events = records.flatMap((r) => (r.frame.type === 'event' ? [{ ...r, frame: r.frame }] : []));
const responseTo = new Map(records.flatMap((r) => (r.frame.type === 'res' ? [[`${r.conn}/${r.frame.id}`, r.frame] as const] : [])));
const methodOf = new Map(requests.map((r) => [`${r.conn}/${r.frame.id}`, r.frame.method]));

// The capture files replaced bulky hello-ok parts by "<omitted>"; put back values of the same type.
function unredactHello(payload: unknown): unknown {
  const hello = structuredClone(payload) as { features: Record<string, unknown>; snapshot: Record<string, unknown> };
  if (hello.features.methods === '<omitted>') hello.features.methods = [];
  if (hello.snapshot.presence === '<omitted>') hello.snapshot.presence = [];
  return hello;
}

describe('captured frames of the real OpenClaw 2026.9.6', () => {
  it('were all loaded', () => {
    expect(records.length).toBeGreaterThan(400);
    expect(new Set(records.map((r) => r.where.split(':')[0])).size).toBe(29);
  });

  it('all parse with parseFrame and with the strict frame schema', () => {
    for (const { where, frame } of records) {
      const text = JSON.stringify(frame);
      expect(parseFrame(text), where).toEqual(frame);
      expect(parseFrame(Buffer.from(text)), where).toEqual(frame);
      const strict = FrameSchema.safeParse(frame);
      expect(strict.success, `${where}: ${strict.error ? formatZodIssues(strict.error) : ''}`).toBe(true);
    }
  });

  it('every connect request carries params valid for ConnectParams', () => {
    const connects = requests.filter((r) => r.frame.method === 'connect');
    expect(connects.length).toBeGreaterThan(70);
    for (const { where, frame } of connects) {
      const result = ConnectParamsSchema.safeParse(frame.params);
      expect(result.success, `${where}: ${result.error ? formatZodIssues(result.error) : ''}`).toBe(true);
    }
  });

  it('every hello-ok validates with HelloOk', () => {
    const hellos = records.filter((r) => r.frame.type === 'res' && r.frame.ok && methodOf.get(`${r.conn}/${r.frame.id}`) === 'connect');
    expect(hellos.length).toBeGreaterThan(60);
    for (const { where, frame } of hellos) {
      const payload = frame.type === 'res' ? frame.payload : undefined;
      const result = HelloOkSchema.safeParse(unredactHello(payload));
      expect(result.success, `${where}: ${result.error ? formatZodIssues(result.error) : ''}`).toBe(true);
    }
  });

  it('method params validate, except the ones the real gateway refused as schema-invalid', () => {
    const checked = new Set<string>();
    let refused = 0;
    for (const { where, conn, frame } of requests) {
      const schema = METHOD_PARAM_SCHEMAS[frame.method];
      if (!schema) continue;
      checked.add(frame.method);
      const answer = responseTo.get(`${conn}/${frame.id}`);
      const gatewayRefused = answer?.ok === false && answer.error?.message.startsWith(`invalid ${frame.method} params: `);
      const result = schema.safeParse(frame.params);
      if (gatewayRefused) {
        refused++;
        expect(result.success, where).toBe(false);
        // Same hint as the real gateway's message.
        const hint = answer.error?.message.slice(`invalid ${frame.method} params: `.length) ?? '';
        expect(formatZodIssues(result.error!)).toContain(hint);
      } else {
        expect(result.success, `${where}: ${result.error ? formatZodIssues(result.error) : ''}`).toBe(true);
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect([...checked].sort()).toEqual(
      [
        'connect',
        'device.pair.approve',
        'device.pair.list',
        'device.pair.reject',
        'device.pair.remove',
        'exec.approvals.node.get',
        'exec.approvals.node.set',
        'node.describe',
        'node.event',
        'node.invoke',
        'node.invoke.result',
        'node.list',
        'node.pair.approve',
        'node.pair.list',
        'node.pair.reject',
        'node.pair.remove',
        'node.pluginTools.update',
        'node.rename',
        'node.runnerInventory.update',
        'node.skills.update',
      ].sort(),
    );
  });

  it('successful results validate with the method result schema', () => {
    const checked = new Set<string>();
    for (const { where, conn, frame } of records) {
      if (frame.type !== 'res' || !frame.ok) continue;
      const method = methodOf.get(`${conn}/${frame.id}`);
      const schema = method === undefined ? undefined : METHOD_RESULT_SCHEMAS[method];
      if (!method || !schema) continue;
      checked.add(method);
      const payload = method === 'connect' ? unredactHello(frame.payload) : frame.payload;
      const result = schema.safeParse(payload);
      expect(result.success, `${where} (${method}): ${result.error ? formatZodIssues(result.error) : ''}`).toBe(true);
    }
    expect(checked.size).toBeGreaterThanOrEqual(19);
  });

  it('event payloads validate with the event schema', () => {
    const checked = new Map<string, number>();
    for (const { where, frame } of events) {
      const schema = EVENT_PAYLOAD_SCHEMAS[frame.event];
      if (!schema) continue;
      checked.set(frame.event, (checked.get(frame.event) ?? 0) + 1);
      const result = schema.safeParse(frame.payload);
      expect(result.success, `${where} (${frame.event}): ${result.error ? formatZodIssues(result.error) : ''}`).toBe(true);
    }
    expect([...checked.keys()].sort()).toEqual(
      [
        'connect.challenge',
        'device.pair.requested',
        'device.pair.resolved',
        'node.invoke.cancel',
        'node.invoke.request',
        'node.pair.requested',
        'node.pair.resolved',
        'tick',
      ].sort(),
    );
  });

  it('targeted events carry no seq and broadcasts do', () => {
    for (const { where, frame } of events) {
      if (frame.event === 'node.invoke.request' || frame.event === 'connect.challenge') expect(frame.seq, where).toBeUndefined();
      if (frame.event === 'tick') expect(frame.seq, where).toBeTypeOf('number');
    }
  });
});
