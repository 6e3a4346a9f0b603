import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localProofHeaders } from '@openclaw-nodes/core/store';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

const stops: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('two gateways on one state dir', () => {
  it('the second refuses to start, and the first keeps its local proof', async () => {
    const dir = tempDir('oc-two-gw-');
    stops.push(dir.cleanup);
    writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: 'two-gateways' } } }), { mode: 0o600 });
    const env = { ...process.env, OPENCLAW_STATE_DIR: dir.path, NO_COLOR: '1' };
    const [first, second] = [await freePort(), await freePort()];
    const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(first)], env, /listening on/);
    stops.push(gateway.stop);
    await gateway.started;
    const proof = await localProofHeaders(dir.path, `ws://127.0.0.1:${first}`);
    expect(Object.keys(proof)).toHaveLength(1);

    const again = await runCli(['gateway', 'run', '--port', String(second)], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`another gateway (pid ${gateway.child.pid}, port ${first}) already runs on the state dir`);
    // The first gateway's clients still prove they are local, with the same secret.
    expect(await localProofHeaders(dir.path, `ws://127.0.0.1:${first}`)).toEqual(proof);
    expect(await localProofHeaders(dir.path, `ws://127.0.0.1:${second}`)).toEqual({});
  });
});
