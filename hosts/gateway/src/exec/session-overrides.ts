import type { ExecOverrides } from './exec-routing.js';

/** Sessions remembered at most; the least recently set is forgotten first. */
export const MAX_SESSIONS = 10_000;

/**
 * Per-session `/exec` overrides, in memory, keyed by `sessionKey` (EXEC.md 11): a directive
 * changes its session only, never the config file, and is gone after a gateway restart.
 */
export class SessionOverrides {
  private readonly sessions = new Map<string, ExecOverrides>();

  get(sessionKey: string | undefined): ExecOverrides | undefined {
    return sessionKey === undefined ? undefined : this.sessions.get(sessionKey);
  }

  /** Merges `set` into the session's overrides and returns the result. */
  merge(sessionKey: string, set: ExecOverrides): ExecOverrides {
    const merged = { ...this.sessions.get(sessionKey), ...set };
    this.sessions.delete(sessionKey);
    this.sessions.set(sessionKey, merged);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return merged;
  }

  get size(): number {
    return this.sessions.size;
  }
}
