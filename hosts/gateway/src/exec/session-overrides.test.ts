import { describe, expect, it } from 'vitest';
import { MAX_SESSIONS, SessionOverrides } from './session-overrides.js';

describe('SessionOverrides', () => {
  it('merges directives per session and keeps sessions apart', () => {
    const sessions = new SessionOverrides();
    sessions.merge('a', { host: 'node' });
    expect(sessions.merge('a', { node: 'x' })).toEqual({ host: 'node', node: 'x' });
    expect(sessions.get('b')).toBeUndefined();
    expect(sessions.get(undefined)).toBeUndefined();
  });

  it('forgets the least recently set session past its bound', () => {
    const sessions = new SessionOverrides();
    for (let i = 0; i <= MAX_SESSIONS; i++) sessions.merge(`s${i}`, { host: 'node' });
    expect(sessions.size).toBe(MAX_SESSIONS);
    expect(sessions.get('s0')).toBeUndefined();
    expect(sessions.get(`s${MAX_SESSIONS}`)).toEqual({ host: 'node' });
  });
});
