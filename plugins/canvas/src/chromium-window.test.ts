import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectHostEnvironment } from '@openclaw-nodes/core/plugin';
import { alive, chromiumProcesses, descendants } from '../../../test/canvas/processes.js';
import { requireChromium, CHROMIUM } from '../../../test/canvas/desktop-node.js';
import { addHostOnlyEnvKeys } from '@openclaw-nodes/core/exec';
import { browserEnv, ChromiumLauncher } from './chromium-window.js';
import { poll } from '../../../test/support/poll.js';

describe('the Chromium adapter without a display', () => {
  it('runs headless: loads pages, evaluates, captures at the requested size, and leaves nothing behind', async () => {
    requireChromium();
    const launcher = new ChromiumLauncher(detectHostEnvironment({ PATH: process.env.PATH }, 'linux'), CHROMIUM, 30_000);
    const window = await launcher.open('data:text/html,<title>Headless</title><body style="margin:0;background:rgb(0,128,255)">', { x: 0, y: 0, width: 640, height: 360 });
    try {
      const browsers = chromiumProcesses(descendants(process.pid));
      expect(browsers.some((p) => p.cmdline.includes('--headless'))).toBe(true);
      expect(await window.evaluate('document.title', 5_000)).toBe('Headless');
      const shot = await sharp(await window.screenshot()).raw().toBuffer({ resolveWithObject: true });
      expect(shot.info).toMatchObject({ width: 640, height: 360 });
      expect([...shot.data.subarray(0, 3)]).toEqual([0, 128, 255]);
      await window.place({ width: 320 });
      expect(await window.evaluate('innerWidth + "x" + innerHeight', 5_000)).toBe('320x360');
      await window.close();
      expect(window.open).toBe(false);
      // Chromium's helpers exit just after the browser process; a busy machine may take a moment.
      await poll(() => (expect(alive(browsers.map((p) => p.pid))).toEqual([]), true), 'every browser gone');
    } finally {
      await window.close();
    }
  });
});

describe('the environment Chromium starts with', () => {
  it('has neither OpenClaw settings nor the variables the config refers to for its secrets', () => {
    addHostOnlyEnvKeys(['CANVAS_TEST_GW_TOKEN']);
    const env = { DISPLAY: ':5', PATH: '/usr/bin', OPENCLAW_GATEWAY_TOKEN: 'a', CANVAS_TEST_GW_TOKEN: 'b' };
    expect(browserEnv(env)).toEqual({ DISPLAY: ':5', PATH: '/usr/bin' });
  });
});
