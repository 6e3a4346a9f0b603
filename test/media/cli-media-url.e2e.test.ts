import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { runCli } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { BULK_PACKAGE, bulkGateway, handNode } from './media-oob-kit.js';

/** A web server on loopback recording who asked it for what, with which Authorization. */
let bystander: Server;
const asked: Array<{ url?: string; authorization?: string }> = [];
let gw: TestGateway;
let node: Awaited<ReturnType<typeof handNode>>;
let answerUrl = '';
const cliDir = tempDir('oc-cli-media-url-');

beforeAll(async () => {
  bystander = createServer((req, res) => {
    asked.push({ url: req.url, authorization: req.headers.authorization });
    res.end('not media');
  });
  await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
  gw = await bulkGateway();
  node = await handNode(gw, 'Url Node');
  node.ws.ws.on('message', (data) => {
    const f = JSON.parse(String(data));
    if (f.event !== 'node.invoke.request') return;
    const payloadJSON = JSON.stringify({ format: 'mp4', bytes: 16, sha256: 'x', url: answerUrl });
    node.ws.send({ type: 'req', id: `r:${f.payload.id}`, method: 'node.invoke.result', params: { id: f.payload.id, nodeId: node.nodeId, ok: true, payloadJSON } });
  });
  writeFileSync(join(cliDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [BULK_PACKAGE] } }));
});

afterAll(async () => {
  node?.ws.close();
  await gw?.stop();
  await new Promise((resolve) => bystander.close(resolve));
  cliDir.cleanup();
});

const make = () => runCli(['nodes', 'bulk', 'make', '--url', gw.url, '--token', TEST_TOKEN, '--node', 'Url Node', '--bytes', '16'], { ...process.env, OPENCLAW_STATE_DIR: cliDir.path }, 60_000);

describe('the CLI and a media url a node names', () => {
  it('refuses to fetch a plain-http url elsewhere, and never sends it the gateway token', async () => {
    answerUrl = `http://127.0.0.1:${(bystander.address() as AddressInfo).port}/clip.mp4`;
    const cli = await make();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(/refusing to download media from http:\/\/127\.0\.0\.1:\d+: only this gateway's media or https URLs are fetched/);
    expect(asked).toEqual([]);
  });
});
