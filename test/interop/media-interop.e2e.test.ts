import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { approveOverHttp, type TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { BULK_PACKAGE, startBulkPair } from '../media/media-oob-kit.js';
import { poll, realCli, realEnv, scratchArea, startProcess, startRealGateway } from './real-openclaw.js';

const TOKEN = 'interop-media-token';
const MB = 1024 * 1024;
const scratch = scratchArea();
afterAll(() => scratch.cleanup());

describe('media from our node through the real OpenClaw gateway, which has no upload slots', () => {
  it('falls back to inline base64 within a frame, and answers PAYLOAD_TOO_LARGE with the size past it, staying connected', async () => {
    const port = await freePort();
    await startRealGateway(scratch, port, TOKEN, { gateway: { nodes: { commands: { allow: ['bulk.make'] } } } });
    const stateDir = scratch.dir('oc-our-media-node-');
    writeFileSync(join(stateDir, 'openclaw.json'), JSON.stringify({ plugins: { load: [BULK_PACKAGE] } }));
    const args = [BIN, 'node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', 'Media Node'];
    const node = scratch.track(startProcess(process.execPath, args, { ...process.env, OPENCLAW_STATE_DIR: stateDir, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /connected to/));
    await node.started;

    const real = (a: string[]) => realCli([...a, '--url', `ws://127.0.0.1:${port}`, '--token', TOKEN], realEnv(scratch.dir('oc-real-cli-')));
    const request = await poll(async () => {
      const pending = JSON.parse(await real(['nodes', 'pending', '--json'])) as Array<{ requestId: string; displayName: string }>;
      return pending.find((p) => p.displayName === 'Media Node');
    }, 'a pending request from our node on the real gateway', { timeoutMs: 30_000 });
    await real(['nodes', 'approve', request.requestId]);

    // Past our 256 KiB threshold: it would go out of band, but this gateway knows no upload method.
    const inline = JSON.parse(await real(['nodes', 'invoke', '--node', 'Media Node', '--command', 'bulk.make', '--params', JSON.stringify({ bytes: MB })]));
    expect(inline).toMatchObject({ ok: true, payload: { format: 'mp4', bytes: MB } });
    expect(Buffer.from(inline.payload.base64, 'base64')).toHaveLength(MB);

    const tooBig = await real(['nodes', 'invoke', '--node', 'Media Node', '--command', 'bulk.make', '--params', JSON.stringify({ bytes: 30 * MB })]).then(
      (out) => out,
      (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
    );
    expect(tooBig).toMatch(/PAYLOAD_TOO_LARGE: video\/mp4 of 31457280 bytes/);
    expect(node.output()).not.toMatch(/connection to .* closed/);
    const after = JSON.parse(await real(['nodes', 'invoke', '--node', 'Media Node', '--command', 'bulk.make', '--params', JSON.stringify({ bytes: 1_000 })]));
    expect(after.ok).toBe(true);
  }, 240_000);

  it("hands the real CLI, which fetches no gateway urls, our node's out-of-band media inline", async () => {
    const pair = await startBulkPair();
    scratch.track(pair);
    await approveOverHttp({ url: pair.url } as TestGateway, 'Bulk Node');
    const real = (a: string[]) => realCli([...a, '--url', pair.url, '--token', TEST_TOKEN], realEnv(scratch.dir('oc-real-cli-')));
    const result = JSON.parse(await real(['nodes', 'invoke', '--node', 'Bulk Node', '--command', 'bulk.make', '--params', JSON.stringify({ bytes: 2 * MB })]));
    expect(result).toMatchObject({ ok: true, payload: { format: 'mp4', bytes: 2 * MB } });
    expect(result.payload.url).toBeUndefined();
    expect(Buffer.from(result.payload.base64, 'base64')).toHaveLength(2 * MB);
  }, 240_000);
});
