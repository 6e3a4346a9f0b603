import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_DIR } from '../support/paths.js';


/** Runs `runAction(label, <body>, options)` from the built CLI in a fresh node process. */
function runActionIn(body: string, options = '{}') {
  const url = pathToFileURL(join(CLI_DIR, 'dist', 'run-action.js')).href;
  const script = `
    import { OpenClawError } from '@openclaw-nodes/core/errors';
    import { runAction } from ${JSON.stringify(url)};
    await runAction('nodes describe', async () => { ${body} }, ${options});
    process.stdout.write('after\\n');
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: CLI_DIR,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('runAction', () => {
  it('prints "<label> failed: <message>" on stderr and exits 1', () => {
    const result = runActionIn(`throw new OpenClawError('NODE_NOT_FOUND', 'unknown node: foo (known: Build Node)');`);
    expect(result).toEqual({ code: 1, stdout: 'after\n', stderr: 'nodes describe failed: unknown node: foo (known: Build Node)\n' });
  });

  it('prints a plain Error without its class name', () => {
    const result = runActionIn(`throw new TypeError('boom');`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('nodes describe failed: boom\n');
  });

  it('with json, prints {"ok":false,"error":{code,message}} on stdout instead', () => {
    const result = runActionIn(`throw new OpenClawError('TIMEOUT', 'node invoke timed out');`, '{ json: true }');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout.split('\n')[0])).toEqual({ ok: false, error: { code: 'TIMEOUT', message: 'node invoke timed out' } });
  });

  it('leaves the exit code at 0 when the action succeeds', () => {
    expect(runActionIn(`process.stdout.write('done\\n');`)).toEqual({ code: 0, stdout: 'done\nafter\n', stderr: '' });
  });
});
