import { describe, expect, it } from 'vitest';
import { LazyAbort } from './lazy-abort.js';

describe('LazyAbort', () => {
  it('aborts a signal already handed out, with the reason', () => {
    const abort = new LazyAbort();
    const signal = abort.signal;
    let heard: unknown;
    signal.addEventListener('abort', () => (heard = signal.reason));
    abort.abort('gone');
    expect([signal.aborted, heard]).toEqual([true, 'gone']);
  });

  it('hands out an aborted signal when the abort came before anyone asked, keeping the first reason', () => {
    const abort = new LazyAbort();
    abort.abort('first');
    abort.abort('second');
    expect([abort.signal.aborted, abort.signal.reason]).toEqual([true, 'first']);
  });

  it('hands out one signal, not aborted until asked to', () => {
    const abort = new LazyAbort();
    expect(abort.signal).toBe(abort.signal);
    expect(abort.signal.aborted).toBe(false);
  });
});
