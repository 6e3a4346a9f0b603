import { describe, expect, it } from 'vitest';
import { MediaPulls } from './media-pulls.js';

const HOLDER = '11111111-2222-4333-8444-555555555555';

/** A puller whose `mget`s are recorded, and a way to answer the last one as the holder (or a forger). */
function puller(maxBytes: number) {
  const asked: Array<Record<string, unknown>> = [];
  const pulls = new MediaPulls('me', async (_member, message) => void asked.push(message), () => true);
  pulls.maxBytes = maxBytes;
  const answer = (fields: Record<string, unknown>) => {
    const ask = asked.at(-1)!;
    pulls.handle({ t: 'mdata', rid: ask.rid, offset: ask.offset, type: 'video/mp4', data: '', node: 'n', invoke: 'i', ...fields });
  };
  return { pulls, asked, answer };
}

describe('MediaPulls: the size a holder claims', () => {
  it('drops a size above maxUploadBytes, or below zero, and takes the next honest answer', async () => {
    const { pulls, asked, answer } = puller(1_000);
    const opening = pulls.open(HOLDER, 'x'.repeat(43));
    await Promise.resolve();
    expect(asked).toHaveLength(1);
    answer({ bytes: 2 ** 50 });
    answer({ bytes: 1_001 });
    answer({ bytes: -1 });
    answer({ bytes: 1_000 });
    const pull = await opening;
    expect(pull.bytes).toBe(1_000);
    pull.close();
    expect(pulls.pulls).toBe(0);
  });
});
