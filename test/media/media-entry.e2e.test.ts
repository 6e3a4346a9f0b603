import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN, ROOT } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
/** sharp's native module and the libvips it links, as they appear in a process's memory map. */
const SHARP_BINARY = /sharp-[a-z0-9-]+\.node|libvips/;
const mapped = (pid: number | 'self') => readFileSync(`/proc/${pid}/maps`, 'utf8');

describe('the media toolkit costs nothing until used', () => {
  const dir = tempDir('oc-media-entry-');
  afterAll(() => dir.cleanup());

  it('importing @openclaw-nodes/core/media and writing a MEDIA file loads no sharp; encoding a still does', async () => {
    const png = join(dir.path, 'dot.png');
    writeFileSync(png, await sharp({ create: { width: 2, height: 2, channels: 3, background: '#00ff00' } }).png().toBuffer());
    const script = `
      import { readFileSync } from 'node:fs';
      const media = await import(${JSON.stringify(join(ROOT, 'core/dist/media.js'))});
      const loaded = () => ${SHARP_BINARY}.test(readFileSync('/proc/self/maps', 'utf8'));
      await media.writeMediaFile('aGk=', 'probe', 'txt', { preferred: ${JSON.stringify(join(dir.path, 'tmp'))} });
      const before = loaded();
      await media.encodeStill(readFileSync(${JSON.stringify(png)}), { format: 'jpeg' });
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ before: false, after: true });
  });

  it('a gateway at idle has no sharp in memory', { timeout: 60_000 }, async () => {
    writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: 'media-entry-token' } } }), { mode: 0o600 });
    const port = await freePort();
    const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], { ...process.env, OPENCLAW_STATE_DIR: dir.path }, /listening on/);
    try {
      await gateway.started;
      expect(mapped(gateway.child.pid!)).not.toMatch(SHARP_BINARY);
    } finally {
      await gateway.stop();
    }
  });
});
