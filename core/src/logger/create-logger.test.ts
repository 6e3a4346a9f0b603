import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { REDACTED } from './redact-paths.js';

/** A destination that keeps what pino writes; `isTTY` decides the default format. */
function memory(isTTY = false) {
  const chunks: string[] = [];
  return { isTTY, write: (chunk: string) => void chunks.push(chunk), text: () => chunks.join('') };
}

const SECRETS = ['gw-token-4f1c9a', 'dev-token-77ab', 'sig-base64-zz9', 'hunter2-password', 'bootstrap-tok-31', 'Bearer hdr-secret-5'];

/** A `connect` request as a node sends it, and a hello-ok as the gateway answers, secrets in every place they travel. */
const connectLike = {
  frame: {
    type: 'req',
    method: 'connect',
    params: {
      client: { id: 'node-host', mode: 'node' },
      role: 'node',
      auth: { token: SECRETS[0], password: SECRETS[3] },
      device: { id: 'ab12', publicKey: 'pk', signature: SECRETS[2], signedAt: 1 },
    },
  },
  hello: { auth: { deviceToken: SECRETS[1], role: 'node' } },
  deviceToken: SECRETS[1],
  bootstrap: { token: SECRETS[4] },
  headers: { authorization: SECRETS[5] },
  nested: [{ node: { pairing: { token: SECRETS[4] } } }],
};

describe('createLogger', () => {
  it('writes JSON lines with a level name, an ISO time, the host name and the message off a terminal', async () => {
    const out = memory(false);
    const logger = await createLogger({ name: 'gateway', destination: out });
    logger.info({ nodeId: 'n1' }, 'node connected');
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ level: 'info', name: 'gateway', nodeId: 'n1', msg: 'node connected', pid: process.pid });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('writes one readable line per record on a terminal', async () => {
    const out = memory(true);
    const logger = await createLogger({ name: 'node-host', destination: out, level: 'debug' });
    logger.warn({ url: 'ws://127.0.0.1:1' }, 'connection closed; reconnecting');
    const text = out.text().replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN \(node-host\): connection closed; reconnecting \{"url":"ws:\/\/127.0.0.1:1"\}\n$/);
  });

  it('keeps a peer-chosen name in a message from forging a line or driving the terminal', async () => {
    const forged = 'Desk\n[00:00:00.000] INFO (gateway): pairing approved: attacker\u001b[2J\u009b31m';
    for (const pretty of [false, true]) {
      const out = memory(pretty);
      const logger = await createLogger({ name: 'gateway', destination: out });
      logger.info({ displayName: forged }, `node connected: ${forged}`);
      const text = out.text();
      expect(text.split('\n')).toHaveLength(2);
      expect(text).not.toContain('\u001b[2J');
      expect(text).not.toContain('\u009b');
      expect(text).toContain('pairing approved: attacker');
    }
  });

  it('drops records below the level', async () => {
    const out = memory();
    const logger = await createLogger({ name: 'gateway', destination: out, level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    expect(out.text().split('\n').filter(Boolean).map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });

  for (const pretty of [false, true]) {
    it(`never writes a token, password, device token or signature (${pretty ? 'terminal' : 'JSON'})`, async () => {
      const out = memory(pretty);
      const logger = await createLogger({ name: 'gateway', destination: out, level: 'trace' });
      logger.info(connectLike, 'connect');
      logger.child({ plugin: 'echo' }).debug({ err: Object.assign(new Error('bad'), { auth: { token: SECRETS[0] } }) }, 'failed');
      const text = out.text();
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain(REDACTED);
      // What is not secret still shows.
      expect(text).toContain('node-host');
      expect(text).toContain('ab12');
    });
  }
});
