import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSourceClip } from '../../../test/support/media-fixtures.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { probeMedia } from './probe-media.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { transcodeClip } from './transcode-clip.js';

const SECRET = 'gateway-token-that-must-stay-home';
let dir: { path: string; cleanup: () => void };
let source: string;
const saved = { PATH: process.env.PATH, token: process.env.OPENCLAW_GATEWAY_TOKEN };

/** What the last `tool` run saw as its environment (the spy on PATH notes it, then runs the real tool). */
const seen = (tool: string) => readFileSync(join(dir.path, `${tool}.env`), 'utf8');

beforeAll(async () => {
  dir = tempDir('openclaw-child-env-');
  source = await makeSourceClip(dir.path, { seconds: 1 });
  const bin = join(dir.path, 'bin');
  mkdirSync(bin);
  for (const tool of ['ffmpeg', 'ffprobe']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\nenv > "${join(dir.path, `${tool}.env`)}"\nexec /usr/bin/${tool} "$@"\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  process.env.PATH = `${bin}:${saved.PATH}`;
  process.env.OPENCLAW_GATEWAY_TOKEN = SECRET;
});

afterAll(() => {
  process.env.PATH = saved.PATH;
  if (saved.token === undefined) delete process.env.OPENCLAW_GATEWAY_TOKEN;
  else process.env.OPENCLAW_GATEWAY_TOKEN = saved.token;
  dir.cleanup();
});

describe('media children and the host environment', () => {
  it('transcodeClip and probeMedia start ffmpeg and ffprobe without the host credentials', async () => {
    await transcodeClip({ input: source }, join(dir.path, 'clip.mp4'), { maxDurationMs: 500 });
    await probeMedia(source);
    for (const tool of ['ffmpeg', 'ffprobe']) {
      expect(seen(tool)).toMatch(/^PATH=/m);
      expect(seen(tool)).not.toContain(SECRET);
    }
  });

  it('runFfmpeg hands the child the given environment minus credentials and loader variables', async () => {
    await runFfmpeg(['-hide_banner', '-version'], { env: { ...process.env, LD_PRELOAD: '/tmp/evil.so', KEEP_ME: 'yes' }, timeoutMs: 10_000 });
    expect(seen('ffmpeg')).toContain('KEEP_ME=yes');
    expect(seen('ffmpeg')).not.toContain('LD_PRELOAD');
    expect(seen('ffmpeg')).not.toContain(SECRET);
  });
});
