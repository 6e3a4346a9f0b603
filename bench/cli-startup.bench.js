/**
 * @module
 * Start-up of the `openclaw` binary: `--version` (target < 100 ms) and
 * `config get gateway.port` against a temp state dir, plus each one's peak RSS, next to a
 * bare `node -e ''` for scale. The binary is run as `node hosts/cli/bin/openclaw.js`, so
 * npx's own start-up is not included.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssKb, report, timeRuns } from './lib/measure.js';

const BIN = fileURLToPath(new URL('../hosts/cli/bin/openclaw.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const HOW = 'spawnSync(process.execPath, [bin, ...args]); npx overhead excluded';

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-'));
try {
  const stateDir = join(root, 'state');
  mkdirSync(stateDir, { mode: 0o700 });
  // The common case: a config file in the state dir, so no project search happens.
  writeFileSync(join(stateDir, 'openclaw.json'), '{ gateway: { port: 18789 } }\n', { mode: 0o600 });
  writeFileSync(join(root, 'package.json'), '{"name":"bench"}');
  const env = { ...process.env, HOME: root, OPENCLAW_STATE_DIR: stateDir };
  delete env.OPENCLAW_CONFIG_PATH;
  const spawnOptions = { cwd: root, env };

  const cases = [
    { name: 'node.baseline', command: process.execPath, args: ['-e', ''], label: "node -e ''" },
    { name: 'cli.version', command: process.execPath, args: [BIN, '--version'], label: 'openclaw --version', target: '< 100' },
    { name: 'cli.config-get', command: process.execPath, args: [BIN, 'config', 'get', 'gateway.port'], label: 'openclaw config get gateway.port' },
  ];
  const samples = timeRuns(cases, { runs: RUNS, ...spawnOptions });
  cases.forEach(({ name, command, args, label, target }, i) => {
    const rss = peakRssKb(command, args, spawnOptions);
    const extra = { command: label, peakRssKb: rss.kb };
    if (args[0] === BIN) extra.how = HOW;
    if (rss.kb === null) extra.peakRssSkipped = rss.reason;
    report({ name, samples: samples[i], target, extra });
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}
