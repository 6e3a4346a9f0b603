import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCli } from '../support/fresh-cli.js';

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
