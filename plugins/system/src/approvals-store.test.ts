import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsStore, redactSnapshot } from './approvals-store.js';

let dir: string;
let store: ApprovalsStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openclaw-approvals-'));
  store = new ApprovalsStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const raw = () => readFileSync(store.path, 'utf8');
const uname = { version: 1, agents: { '*': { allowlist: [{ pattern: '/usr/bin/uname' }] } } };

describe('ApprovalsStore', () => {
  it('reports a missing file with the missing: hash', async () => {
    await expect(store.read()).resolves.toMatchObject({ exists: false, hash: `missing:${sha256('')}`, file: { version: 1, agents: {} } });
  });

  it('creates the file on first use, mode 0600, with a socket path and a 24-byte token', async () => {
    const snapshot = await store.ensure();
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(snapshot).toMatchObject({ path: store.path, exists: true, hash: sha256(raw()) });
    expect(snapshot.file.socket?.path).toBe(join(dir, 'exec-approvals.sock'));
    expect(Buffer.from(snapshot.file.socket!.token!, 'base64url')).toHaveLength(24);
    expect(redactSnapshot(snapshot).file.socket).toEqual({ path: join(dir, 'exec-approvals.sock') });
    // A second ensure changes nothing.
    await expect(store.ensure()).resolves.toMatchObject({ hash: snapshot.hash });
  });

  it('writes ids into a hand-written file once, so they stay stable', async () => {
    writeFileSync(store.path, JSON.stringify(uname));
    const first = await store.ensure();
    const id = first.file.agents?.['*']?.allowlist?.[0]?.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.ensure()).file.agents?.['*']?.allowlist?.[0]?.id).toBe(id);
  });

  it('sets with the current hash, keeping the socket the caller never saw', async () => {
    const before = await store.ensure();
    const after = await store.set(uname, before.hash);
    expect(after.hash).toBe(sha256(raw()));
    expect(after.file.socket).toEqual(before.file.socket);
    expect(after.file.agents?.['*']?.allowlist?.[0]).toMatchObject({ pattern: '/usr/bin/uname', id: expect.any(String) });
  });

  it('refuses a stale, missing or unknown base hash with the real host’s messages', async () => {
    const first = await store.ensure();
    await store.set(uname, first.hash);
    await expect(store.set(uname, first.hash)).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: exec approvals changed; reload and retry' });
    await expect(store.set(uname, undefined)).rejects.toMatchObject({ message: 'INVALID_REQUEST: exec approvals base hash required; reload and retry' });
    await expect(store.set(uname, '  ')).rejects.toMatchObject({ message: 'INVALID_REQUEST: exec approvals base hash required; reload and retry' });
  });

  it('creates a missing file without a base hash, but not with a wrong one', async () => {
    await expect(store.set(uname, 'nope')).rejects.toMatchObject({ message: 'INVALID_REQUEST: exec approvals changed; reload and retry' });
    await expect(store.set(uname, undefined)).resolves.toMatchObject({ exists: true });
  });

  it('treats unparseable JSON as an empty file instead of failing', async () => {
    writeFileSync(store.path, '{ not json');
    await expect(store.read()).resolves.toMatchObject({ exists: true, hash: sha256('{ not json'), file: { version: 1, agents: {} } });
  });

  it('lets concurrent updates take turns without losing one', async () => {
    await store.ensure();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update((file) => {
          const list = ((file.agents ??= {})['*'] ??= {}).allowlist ??= [];
          list.push({ id: `i${i}`, pattern: `/bin/p${i}` });
          return file;
        }),
      ),
    );
    expect(JSON.parse(raw()).agents['*'].allowlist).toHaveLength(20);
  });
});
