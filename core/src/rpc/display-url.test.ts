import { describe, expect, it } from 'vitest';
import { urlForDisplay } from './display-url.js';

const H = '__OPENCLAW_REDACTED__';

describe('urlForDisplay', () => {
  it.each([
    ['ws://127.0.0.1:18789', 'ws://127.0.0.1:18789'],
    ['ws://me:pw@127.0.0.1:1/x', `ws://me:${H}@127.0.0.1:1/x`],
    ['wss://tok@gw.example:443', `wss://${H}@gw.example:443`],
    ['ws://127.0.0.1:1/?token=abc&x=1#f', `ws://127.0.0.1:1/?token=${H}&x=${H}#f`],
    ['ws://me:pw@[127.0.0.1', `ws://me:${H}@[127.0.0.1`],
    ['ws://127.0.0.1:1/a@b', 'ws://127.0.0.1:1/a@b'],
  ])('%s → %s', (url, shown) => {
    expect(urlForDisplay(url)).toBe(shown);
  });
});
