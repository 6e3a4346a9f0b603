/**
 * @module
 * Start-up of the `openclaw` binary: `--version` (target < 100 ms),
 * `config get gateway.port` against a temp state dir, and `nodes status --json` against a
 * running gateway (target <= 100 ms and <= 60 MB peak RSS) given `--url` and `--token`, and
 * again finding gateway and token through the config; each one's peak RSS, next to a bare
 * `node -e ''` for scale. The binary is run as `node hosts/cli/bin/openclaw.js`, so npx's own
 * start-up is not included.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssKb, report, timeRuns } from './lib/measure.js';
import { cleanUp, freePort, result, startGateway } from './lib/processes.js';

const BIN = fileURLToPath(new URL('../hosts/cli/bin/openclaw.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const HOW = 'spawnSync(process.execPath, [bin, ...args]); npx overhead excluded';

const TOKEN = 'bench-token';

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-'));
const children = [];
try {
  const port = await freePort();
  children.push(await startGateway(root, port, TOKEN));
  const stateDir = join(root, 'state');
  mkdirSync(stateDir, { mode: 0o700 });
  // The common case: a config file in the state dir, so no project search happens.
  // Where `nodes status` without flags finds the gateway: the configured port and token.
  writeFileSync(join(stateDir, 'openclaw.json'), `{ gateway: { port: ${port}, auth: { token: '${TOKEN}' } } }\n`, { mode: 0o600 });
  writeFileSync(join(root, 'package.json'), '{"name":"bench"}');
  const env = { ...process.env, HOME: root, OPENCLAW_STATE_DIR: stateDir };
  delete env.OPENCLAW_CONFIG_PATH;
  const spawnOptions = { cwd: root, env };

  const cases = [
    { name: 'node.baseline', command: process.execPath, args: ['-e', ''], label: "node -e ''" },
    { name: 'cli.version', command: process.execPath, args: [BIN, '--version'], label: 'openclaw --version', target: '< 100' },
    { name: 'cli.config-get', command: process.execPath, args: [BIN, 'config', 'get', 'gateway.port'], label: 'openclaw config get gateway.port' },
    { name: 'cli.nodes-status', command: process.execPath, args: [BIN, 'nodes', 'status', '--json', '--url', `ws://127.0.0.1:${port}`, '--token', TOKEN], label: 'openclaw nodes status --json --url … --token …', target: '<= 100', rssTargetMb: 60 },
    { name: 'cli.nodes-status-config', command: process.execPath, args: [BIN, 'nodes', 'status', '--json'], label: 'openclaw nodes status --json (gateway and token from the config)' },
  ];
  const samples = timeRuns(cases, { runs: RUNS, ...spawnOptions });
  cases.forEach(({ name, command, args, label, target, rssTargetMb }, i) => {
    const rss = peakRssKb(command, args, spawnOptions);
    const extra = { command: label, peakRssKb: rss.kb };
    if (args[0] === BIN) extra.how = HOW;
    if (rss.kb === null) extra.peakRssSkipped = rss.reason;
    report({ name, samples: samples[i], target, extra });
    // The largest peak of 5 runs, as its own line so that its target is checked too.
    if (rssTargetMb !== undefined && rss.kb !== null) result(`${name}.peak-rss`, 'MB', rss.kb / 1024, rss.kb / 1024, 5, `<= ${rssTargetMb}`, { command: label });
  });
} finally {
  await cleanUp(children, root);
}
