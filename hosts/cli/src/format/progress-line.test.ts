import { describe, expect, it } from 'vitest';
import { progressLine } from './progress-line.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
};

describe('progressLine', () => {
  it('redraws one line in place on a terminal and clears it when done', () => {
    const tty = stream(true);
    const line = progressLine(tty);
    line.update('downloading 1.0 MB / 2.0 MB');
    line.done();
    expect(tty.written).toEqual(['\rdownloading 1.0 MB / 2.0 MB\x1b[K', '\r\x1b[K']);
  });

  it('writes nothing when the stream is not a terminal, or with --json', () => {
    for (const [target, json] of [[stream(false), false], [stream(true), true]] as const) {
      const line = progressLine(target, json);
      line.update('recording 1.0s / 3.0s');
      line.done();
      expect(target.written).toEqual([]);
    }
  });
});
