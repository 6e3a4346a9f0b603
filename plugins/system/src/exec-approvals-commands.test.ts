import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecApprovalsSnapshotSchema } from '@openclaw-nodes/core/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { approvalsGetParams, approvalsSetParams } from './approvals-schemas.js';
import { ApprovalsStore } from './approvals-store.js';
import { getApprovals, setApprovals } from './exec-approvals-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'openclaw-approvals-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = new ApprovalsStore(dir);
const set = (params: unknown) => setApprovals(store, approvalsSetParams.parse(params));

describe('system.execApprovals.get / set', () => {
  it('get creates the file and answers the wire snapshot, token redacted', async () => {
    const snapshot = await getApprovals(store, approvalsGetParams.parse(undefined));
    expect(ExecApprovalsSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({ path: store.path, exists: true, file: { version: 1, defaults: {}, agents: {} } });
    expect(snapshot.file.socket).toEqual({ path: join(dir, 'exec-approvals.sock') });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('get can add the resolved defaults', async () => {
    const snapshot = await getApprovals(store, approvalsGetParams.parse({ includeResolvedDefaults: true }));
    expect(snapshot.resolvedDefaults).toEqual({ security: 'allowlist', ask: 'on-miss', askFallback: 'deny', autoAllowSkills: false });
    expect(() => approvalsGetParams.parse({ includeResolvedDefaults: 'yes' })).toThrow(/includeResolvedDefaults must be boolean/);
  });

  it('set adds ids, keeps the socket, and returns the new redacted snapshot — as the allowlist add capture shows', async () => {
    const { hash, file } = await getApprovals(store, {});
    const next = { ...file, agents: { '*': { allowlist: [{ pattern: '/usr/bin/uname', lastUsedAt: 1795509124382 }] } } };
    const snapshot = await set({ file: next, baseHash: hash });
    expect(snapshot.hash).not.toBe(hash);
    expect(snapshot.file).toEqual({
      version: 1,
      socket: { path: join(dir, 'exec-approvals.sock') },
      defaults: {},
      agents: { '*': { allowlist: [{ pattern: '/usr/bin/uname', id: expect.stringMatching(/^[0-9a-f-]{36}$/), lastUsedAt: 1795509124382 }] } },
    });
  });

  it.each([
    [{}, 'INVALID_REQUEST: exec approvals file required'],
    [{ file: null }, 'INVALID_REQUEST: exec approvals file required'],
    [{ file: 'x' }, 'INVALID_REQUEST: exec approvals file required'],
    [{ file: { version: 2 } }, 'INVALID_REQUEST: invalid exec approvals file: version: must be equal to 1'],
    [{ file: { version: 1, defaults: { security: 'sometimes' } } }, expect.stringContaining('defaults.security: must be equal to one of the allowed values')],
    [{ file: { version: 1, agents: { '*': { allowlist: [{ pattern: 3 }] } } } }, expect.stringContaining("agents[\"*\"].allowlist[0]")],
    [{ file: { version: 1, extra: true } }, "INVALID_REQUEST: invalid exec approvals file: must NOT have additional properties: 'extra'"],
  ])('set refuses %j', async (params, message) => {
    await expect(set(params)).rejects.toMatchObject({ code: 'INVALID_REQUEST', message });
  });
});
