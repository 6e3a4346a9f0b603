import { describe, expect, it } from 'vitest';
import { inlineMediaContext } from '@openclaw-nodes/core/plugin';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { recordParams } from './commands.js';
import { screenOptions } from './options.js';
import { MAX_CAPTURES, ScreenService } from './screen-service.js';
import type { ScreenPlatform, ToolRunner } from './screen-platform.js';
import { poll } from '../../../test/support/poll.js';

const platform: ScreenPlatform = {
  name: 'x11',
  displays: async () => [{ index: 0, name: 'screen', source: ':9.0', x: 0, y: 0, width: 320, height: 240 }],
  videoInput: () => ['-f', 'x11grab', '-i', ':9.0+0,0'],
  audioInput: async () => ({ unavailable: 'none here' }),
};

describe('ScreenService', () => {
  it(`runs at most ${MAX_CAPTURES} captures at once and refuses more with SCREEN_UNAVAILABLE`, async () => {
    const held: Array<(err: Error) => void> = [];
    // Each ffmpeg "runs" until released; released ones fail, which ends their capture.
    const run: ToolRunner = () => new Promise((_, fail) => held.push(fail));
    const service = new ScreenService(platform, screenOptions.parse({}), run);
    const params = recordParams.parse({ durationMs: 1000 });
    const running = Array.from({ length: MAX_CAPTURES }, () => service.record(params, inlineMediaContext('screen.record')).catch((e: unknown) => e));
    await poll(() => (expect(held.length).toBe(MAX_CAPTURES), true), 'every capture slot held');
    await expect(service.record(params, inlineMediaContext('screen.record'))).rejects.toMatchObject({
      code: 'SCREEN_UNAVAILABLE',
      message: `SCREEN_UNAVAILABLE: ${MAX_CAPTURES} screen captures are already running on this node; try again when one ends`,
    });
    for (const fail of held) fail(new OpenClawError('MEDIA_TRANSCODE_FAILED', 'ffmpeg exited with 1: gone', { details: { stderr: 'gone' } }));
    for (const outcome of await Promise.all(running)) expect(outcome).toMatchObject({ code: 'SCREEN_CAPTURE_FAILED', message: 'SCREEN_CAPTURE_FAILED: the recording failed: ffmpeg exited with 1: gone' });
    // Slots are free again once those ended.
    held.length = 0;
    const next = service.record(params, inlineMediaContext('screen.record')).catch((e: unknown) => e);
    await poll(() => (expect(held.length).toBe(1), true), 'one capture held');
    held[0](new OpenClawError('ABORTED', 'cancelled'));
    expect(await next).toMatchObject({ code: 'ABORTED' });
  });
});
