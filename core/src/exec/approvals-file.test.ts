import { describe, expect, it } from 'vitest';
import { ExecApprovalsFileSchema } from '../protocol/exec-approvals.js';
import { MISSING_APPROVALS_HASH, normalizeApprovalsFile, redactApprovalsFile } from './approvals-file.js';

let n = 0;
const newId = () => `id-${++n}`;

describe('normalizeApprovalsFile', () => {
  it('treats anything but a version 1 object as an empty file', () => {
    for (const raw of [null, 'x', [], {}, { version: 2, agents: { '*': { allowlist: ['/bin/x'] } } }]) {
      expect(normalizeApprovalsFile(raw, newId)).toEqual({ version: 1, agents: {} });
    }
  });

  it('turns strings into entries, drops entries without a pattern, fills ids and keeps usage data', () => {
    const file = normalizeApprovalsFile(
      {
        version: 1,
        agents: { '*': { security: 'allowlist', allowlist: ['/usr/bin/uname', { pattern: '  ' }, { id: 'keep', pattern: '/bin/x', lastUsedAt: 5, extra: 1 }, 3] } },
        extra: true,
      },
      newId,
    );
    expect(file).toEqual({
      version: 1,
      agents: { '*': { security: 'allowlist', allowlist: [{ id: 'id-1', pattern: '/usr/bin/uname' }, { id: 'keep', pattern: '/bin/x', lastUsedAt: 5 }] } },
    });
    expect(ExecApprovalsFileSchema.safeParse(file).success).toBe(true);
  });

  it('merges legacy agents.default into main: main’s fields win, allowlists deduplicated case-insensitively', () => {
    const file = normalizeApprovalsFile(
      { version: 1, agents: { default: { security: 'full', ask: 'off', allowlist: ['/USR/BIN/X', '/bin/y'] }, main: { security: 'deny', allowlist: ['/usr/bin/x'] } } },
      newId,
    );
    expect(file.agents?.main?.security).toBe('deny');
    expect(file.agents?.main?.ask).toBe('off');
    expect(file.agents?.main?.allowlist?.map((e) => e.pattern)).toEqual(['/usr/bin/x', '/bin/y']);
    expect(file.agents?.default).toBeUndefined();
  });

  it('redacts the socket token and names the missing-file hash as the real host does', () => {
    expect(redactApprovalsFile({ version: 1, socket: { path: '/s', token: 't' } })).toEqual({ version: 1, socket: { path: '/s' } });
    expect(MISSING_APPROVALS_HASH).toBe('missing:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
