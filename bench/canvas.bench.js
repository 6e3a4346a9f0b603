/**
 * @module
 * Canvas snapshots with real processes on loopback: Xvfb, our gateway (`openclaw gateway
 * run`), our desktop node host (`openclaw node run --desktop`, a Chromium window on the Xvfb
 * display) and an operator in this process. Measures the snapshot round trip of a 1280x720
 * page — invoke through the gateway, PNG capture on the node, sharp resize to 1200 px,
 * base64 back, and the file written the way the CLI writes it — plus the same as JPEG and
 * the wall time of the whole `openclaw nodes canvas snapshot` command.
 * Needs Xvfb and Chromium (apt-get install xvfb chromium) and fails without them.
 */
import { existsSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timeMediaCli } from './lib/cli-media.js';
import { quantile } from './lib/measure.js';
import { approveFirstNode, cleanUp, freePort, operator, result, startOpenclaw, until, shareGatewayProof } from './lib/processes.js';
import { startXvfb } from './lib/xvfb.js';

const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_SNAPSHOTS ?? 60);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const CHROMIUM = '/usr/bin/chromium';

/** A busy 1280x720 page: text, gradients and boxes, so PNG encoding has real work to do. */
const PAGE = `<!doctype html><title>Bench</title><style>
  body { margin: 0; font: 16px 'DejaVu Sans', sans-serif; background: linear-gradient(135deg, #fdfbfb, #ebedee); }
  header { height: 80px; background: linear-gradient(90deg, #1a73e8, #34a853); color: #fff; font-size: 32px; padding: 20px; box-sizing: border-box; }
  main { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; padding: 16px; }
  .card { height: 180px; border-radius: 8px; background: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.2); padding: 12px; overflow: hidden; }
</style><header>OpenClaw canvas benchmark</header><main>${Array.from(
  { length: 8 },
  (_, i) => `<div class="card"><b>Card ${i + 1}</b><p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3)}</p></div>`,
).join('')}</main>`;

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
const { writeMediaFile, openclawTempDir } = await import('../core/dist/media.js');

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-canvas-'));
const children = [];
try {
  const xvfb = await startXvfb();
  children.push(xvfb.child);
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  children.push(
    await startOpenclaw(['gateway', 'run', '--port', String(port), '--token', TOKEN], {
      env: { OPENCLAW_STATE_DIR: join(root, 'gw'), HOME: root },
      ready: (out) => out.includes('listening'),
    }),
  );
  shareGatewayProof(root);
  children.push(
    await startOpenclaw(['node', 'run', '--desktop', '--port', String(port), '--display-name', 'bench-desk'], {
      env: { OPENCLAW_STATE_DIR: join(root, 'node'), OPENCLAW_GATEWAY_TOKEN: TOKEN, HOME: root, DISPLAY: xvfb.display },
      ready: (out) => out.includes('connected'),
      timeoutMs: 60_000,
    }),
  );

  const op = await operator(url, TOKEN);
  const { invoke } = await approveFirstNode(op);

  const page = join(root, 'page.html');
  writeFileSync(page, PAGE);
  await until(async () => ((await invoke('canvas.present', { url: page }).catch(() => undefined)) ? true : undefined));
  const { payload: size } = await invoke('canvas.eval', { javaScript: '`${innerWidth}x${innerHeight}`' });

  const snapshot = async (params, ext) => {
    const { payload } = await invoke('canvas.snapshot', params);
    unlinkSync(await writeMediaFile(payload.base64, 'openclaw-canvas-snapshot', ext));
    return payload;
  };
  const measure = async (params, ext) => {
    for (let i = 0; i < 5; i++) await snapshot(params, ext);
    const samples = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await snapshot(params, ext);
      samples.push(performance.now() - t0);
    }
    return { samples, last };
  };

  const png = await measure({ format: 'png', maxWidth: 1200 }, 'png');
  result('canvas.snapshot.png', 'ms', quantile(png.samples, 0.5), quantile(png.samples, 0.9), RUNS, '<= 250', {
    page: size.result,
    image: `${png.last.width}x${png.last.height}`,
    kb: Math.round((png.last.base64.length * 3) / 4 / 1024),
    path: 'operator -> gateway -> desktop node (Chromium capture, sharp resize) -> file',
  });
  const jpeg = await measure({ format: 'jpeg', maxWidth: 1200 }, 'jpg');
  result('canvas.snapshot.jpeg', 'ms', quantile(jpeg.samples, 0.5), quantile(jpeg.samples, 0.9), RUNS, undefined, {
    image: `${jpeg.last.width}x${jpeg.last.height}`,
    kb: Math.round((jpeg.last.base64.length * 3) / 4 / 1024),
    quality: 0.9,
  });

  const args = ['nodes', 'canvas', 'snapshot', '--node', 'bench-desk', '--format', 'png', '--max-width', '1200', '--json', '--url', url, '--token', TOKEN];
  const env = { ...process.env, HOME: root, OPENCLAW_STATE_DIR: join(root, 'cli') };
  timeMediaCli('cli.canvas-snapshot', args, { env, runs: CLI_RUNS, mediaDir: openclawTempDir(), prefix: 'openclaw-canvas-snapshot-' });
  op.close();
} finally {
  await cleanUp(children, root);
}

