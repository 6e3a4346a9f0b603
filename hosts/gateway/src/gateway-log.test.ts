import { createLogger, REDACTED } from '@openclaw-nodes/core/logger';
import { describe, expect, it } from 'vitest';
import { logHubEvents } from './gateway-log.js';

/** The gateway's JSON logger writing into memory; `lines()` parses what it wrote. */
async function capture() {
  const chunks: string[] = [];
  const logger = await createLogger({ name: 'gateway', destination: { isTTY: false, write: (chunk: string) => void chunks.push(chunk) } });
  const lines = () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { listener: logHubEvents(logger), lines, text: () => chunks.join('') };
}

describe('logHubEvents', () => {
  it('writes a node connect and disconnect with their fields, pid and time', async () => {
    const { listener, lines } = await capture();
    listener('node.connected', { nodeId: 'n1', displayName: 'kitchen', platform: 'linux', remoteIp: '127.0.0.1', publicKey: 'pk' });
    listener('node.disconnected', { nodeId: 'n1' });
    const [connected, disconnected] = lines();
    expect(connected).toMatchObject({ level: 'info', name: 'gateway', event: 'node.connected', nodeId: 'n1', displayName: 'kitchen', platform: 'linux', remoteIp: '127.0.0.1', msg: 'node connected: kitchen' });
    expect(connected).not.toHaveProperty('publicKey');
    expect(typeof connected?.pid).toBe('number');
    expect(typeof connected?.time).toBe('string');
    expect(disconnected).toMatchObject({ event: 'node.disconnected', nodeId: 'n1', msg: 'node disconnected: n1' });
  });

  it('still redacts secret keys inside a field that is not a flat value', async () => {
    const { listener, text } = await capture();
    // A hostile or buggy payload: nested values go through the logger's redaction.
    listener('node.connected', { nodeId: 'n1', displayName: { token: 'gw-token-4f1c9a' } });
    listener('node.surface', { nodeId: 'n1', commands: ['system.run'], permissions: { auth: { password: 'hunter2-password' } } });
    expect(text()).not.toContain('gw-token-4f1c9a');
    expect(text()).not.toContain('hunter2-password');
    expect(text().split(REDACTED).length - 1).toBe(2);
  });

  it('writes a list of commands whole, and still redacts a secret key inside a list', async () => {
    const { listener, lines, text } = await capture();
    listener('node.pair.requested', { requestId: 'r1', nodeId: 'n1', commands: ['system.run', 'system.which'] });
    listener('node.pair.requested', { requestId: 'r2', nodeId: 'n1', commands: [{ token: 'gw-token-8d2e7b' }] });
    expect(lines()[0]).toMatchObject({ event: 'node.pair.requested', requestId: 'r1', commands: ['system.run', 'system.which'] });
    expect(text()).not.toContain('gw-token-8d2e7b');
    expect(lines()[1]).toMatchObject({ requestId: 'r2', commands: [{ token: REDACTED }] });
  });
});
