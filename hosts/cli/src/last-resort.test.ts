import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_INTERNAL_ERROR, installLastResortHandlers } from './last-resort.js';

/** A stand-in for `process` that records what the handlers write and whether they exit. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const written: string[] = [];
  const exits: number[] = [];
  const proc = Object.assign(emitter, {
    exit: (code: number) => void exits.push(code),
    stderr: { write: (text: string) => written.push(text) },
  });
  return { proc, written, exits };
}

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

describe('last-resort handlers', () => {
  it('log an unhandled rejection in a long-running host and keep it running', () => {
    const { proc, written, exits } = fakeProcess();
    uninstall = installLastResortHandlers({ label: 'gateway', keepRunning: true }, proc);
    proc.emit('unhandledRejection', new RangeError('Maximum call stack size exceeded'));
    expect(exits).toEqual([]);
    expect(written.join('')).toMatch(/^\[gateway\] error: unhandled promise rejection \(kept running\): RangeError: Maximum call stack size exceeded/);
  });

  it('end a one-shot command on an unhandled rejection with the internal-error code', () => {
    const { proc, written, exits } = fakeProcess();
    uninstall = installLastResortHandlers({ label: 'openclaw', keepRunning: false }, proc);
    proc.emit('unhandledRejection', 'boom');
    expect(exits).toEqual([EXIT_INTERNAL_ERROR]);
    expect(written.join('')).toBe(`[openclaw] error: unhandled promise rejection (exiting with code ${EXIT_INTERNAL_ERROR}): boom\n`);
  });

  it('exit deliberately on an uncaught exception, even in a long-running host', () => {
    const { proc, written, exits } = fakeProcess();
    uninstall = installLastResortHandlers({ label: 'node-host', keepRunning: true }, proc);
    proc.emit('uncaughtException', new Error('half-way'));
    expect(exits).toEqual([EXIT_INTERNAL_ERROR]);
    expect(written.join('')).toMatch(/^\[node-host\] error: uncaught exception \(exiting with code 70\): Error: half-way/);
  });

  it('replace the handlers installed before', () => {
    const { proc, exits } = fakeProcess();
    installLastResortHandlers({ label: 'openclaw', keepRunning: false }, proc);
    uninstall = installLastResortHandlers({ label: 'gateway', keepRunning: true }, proc);
    expect(proc.listenerCount('unhandledRejection')).toBe(1);
    proc.emit('unhandledRejection', new Error('x'));
    expect(exits).toEqual([]);
  });

  it('hand the report to the host logger when given one, writing nothing of their own', () => {
    const { proc, written, exits } = fakeProcess();
    const reports: Array<[string, unknown]> = [];
    const reason = new Error('lost');
    uninstall = installLastResortHandlers({ label: 'gateway', keepRunning: true, report: (message, err) => void reports.push([message, err]) }, proc);
    proc.emit('unhandledRejection', reason);
    expect(reports).toEqual([['unhandled promise rejection (kept running)', reason]]);
    expect(written).toEqual([]);
    expect(exits).toEqual([]);
  });
});
