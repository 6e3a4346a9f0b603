import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecFixture } from './exec-fixture.js';

const NODE = 'Timeout Node';
const FULL = { version: 1, defaults: { security: 'full', ask: 'off' }, agents: {} };
let fx: Awaited<ReturnType<typeof startExecFixture>>;

beforeAll(async () => {
  fx = await startExecFixture(NODE);
  await fx.setApprovals(['--gateway'], FULL);
  await fx.setApprovals(['--node', NODE], FULL);
  await fx.config('set', 'tools.exec.security', 'full');
  await fx.config('set', 'tools.exec.ask', 'off');
}, 60_000);
afterAll(async () => {
  await fx?.stop();
});

describe('the exec tool timeout', () => {
  // A fraction of a millisecond used to round to 0, which system.run reads as "no timeout".
  it.each(['gateway', 'node'])('bounds a host=%s command even when it is below a millisecond', async (host) => {
    await fx.config('set', 'tools.exec.host', host);
    const res = await fx.http({ tool: 'exec', args: { command: 'sleep 3; echo finished', host, timeout: 0.0001 } });
    expect(res.body).toMatchObject({ ok: true, result: { host, timedOut: true } });
    expect(res.body.result.stdout).not.toContain('finished');
  });
});
