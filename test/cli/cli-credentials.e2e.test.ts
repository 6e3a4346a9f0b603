import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeCli } from '../support/fresh-cli.js';
import { BIN } from '../support/paths.js';
import { poll } from '../support/poll.js';

const SECRET = 'url-secret-4f1c';

describe('a gateway URL carrying credentials', () => {
  // Port 1 refuses connections: every case ends in an error that names the gateway.
  it.each([
    ['userinfo', `ws://me:${SECRET}@127.0.0.1:1`],
    ['a token in the query', `ws://127.0.0.1:1/?token=${SECRET}`],
    ['a wrong scheme', `http://me:${SECRET}@127.0.0.1:1`],
    ['a URL that does not parse', `ws://me:${SECRET}@[127.0.0.1`],
  ])('never appears in an error, with or without --json: %s', (_what, url) => {
    const cli = makeCli();
    for (const json of [[], ['--json']]) {
      const result = cli.run('nodes', 'status', '--url', url, '--token', 'x', ...json);
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).toContain('127.0.0.1');
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    }
  });

  it('nor when it comes from gateway.remote.url', () => {
    const cli = makeCli();
    mkdirSync(cli.stateDir, { recursive: true });
    writeFileSync(cli.configFile, JSON.stringify({ gateway: { mode: 'remote', remote: { url: `ws://me:${SECRET}@127.0.0.1:1/?password=${SECRET}`, token: 'x' } } }));
    const result = cli.run('nodes', 'list');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach gateway at ws://');
    expect(result.stderr).not.toContain(SECRET);
  });
});

describe('a CLI command waiting on the gateway', () => {
  it.runIf(process.platform === 'linux')('shows no --token value or token variable to other processes (/proc/<pid>/cmdline, /proc/<pid>/environ)', async () => {
    // A gateway that accepts the connection and never answers: the command waits for it.
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const cli = makeCli({ OPENCLAW_GATEWAY_TOKEN: `env-${SECRET}` });
    const child = spawn(process.execPath, [BIN, 'nodes', 'status', '--url', `ws://127.0.0.1:${port}`, '--token', `flag-${SECRET}`, '--timeout', '30000'], { env: cli.env, stdio: 'ignore' });
    try {
      await poll(async () => (sockets.length > 0 ? true : undefined), 'the command to connect');
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      expect(cmdline).toContain('nodes\0status');
      expect(cmdline).not.toContain(SECRET);
      const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8');
      expect(environ).toContain('OPENCLAW_STATE_DIR=');
      expect(environ).not.toContain(SECRET);
    } finally {
      child.kill();
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});
