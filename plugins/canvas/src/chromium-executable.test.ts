import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectHostEnvironment } from '@openclaw-nodes/core/plugin';
import { makeHost } from '../../../test/fixtures/plugins/plugin-factories.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { findChromium } from './chromium-executable.js';
import { canvasPlugin } from './index.js';

describe('findChromium', () => {
  const linux = detectHostEnvironment({}, 'linux');

  it('uses a configured executable, and nothing when it is missing or not executable', () => {
    expect(findChromium(linux, process.execPath)).toBe(process.execPath);
    expect(findChromium(linux, '/no/such/chromium')).toBeUndefined();
    const dir = tempDir('openclaw-chromium-');
    try {
      writeFileSync(join(dir.path, 'chrome'), '#!/bin/sh\n', { mode: 0o644 });
      expect(findChromium(linux, join(dir.path, 'chrome'))).toBeUndefined();
    } finally {
      dir.cleanup();
    }
  });

  it("searches the platform's own install places (Windows: under LOCALAPPDATA and Program Files)", () => {
    const dir = tempDir('openclaw-chromium-');
    try {
      const exe = join(dir.path, 'Google', 'Chrome', 'Application', 'chrome.exe');
      mkdirSync(join(dir.path, 'Google', 'Chrome', 'Application'), { recursive: true });
      writeFileSync(exe, '');
      chmodSync(exe, 0o755);
      expect(findChromium(detectHostEnvironment({ LOCALAPPDATA: dir.path }, 'win32'))).toBe(exe);
      expect(findChromium(detectHostEnvironment({}, 'win32'))).toBeUndefined();
      expect(findChromium(detectHostEnvironment({}, 'aix'))).toBeUndefined();
    } finally {
      dir.cleanup();
    }
  });

  it('makes the canvas plugin unavailable, so a node host drops it instead of declaring commands it cannot serve', async () => {
    const host = makeHost({ hostKind: 'desktop', optional: () => true, pluginOptions: { canvas: { executablePath: '/no/such/chromium' } } });
    host.load([canvasPlugin]);
    await host.start();
    expect(host.plugins()).toEqual([expect.objectContaining({ name: 'canvas', status: 'unavailable', reason: 'plugin "canvas" failed to start: not available on this machine' })]);
    expect(host.commands()).toEqual([]);
  });

  it('rejects unknown or out-of-range canvas options with the offending key', () => {
    const host = makeHost({ hostKind: 'desktop', pluginOptions: { canvas: { window: { width: 10 }, colour: 'red' } } });
    expect(() => host.load([canvasPlugin])).toThrow(/window\.width[\s\S]*colour: unknown key|colour: unknown key[\s\S]*window\.width/);
  });
});
