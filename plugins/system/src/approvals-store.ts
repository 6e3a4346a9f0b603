import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { approvalsHash, MISSING_APPROVALS_HASH, normalizeApprovalsFile, redactApprovalsFile } from '@openclaw-nodes/core/exec';
import type { ExecApprovalsFile, ExecApprovalsSnapshot } from '@openclaw-nodes/core/protocol';
import { runSerially, writeFileAtomic } from '@openclaw-nodes/core/store';

/** The approvals file name inside the state dir. */
export const APPROVALS_FILE_NAME = 'exec-approvals.json';

/** A snapshot with the secret still in it; `redact()` before it leaves the host. */
interface StoredSnapshot extends ExecApprovalsSnapshot {
  readonly file: ExecApprovalsFile;
}

const invalid = (text: string) => new OpenClawError('INVALID_REQUEST', `INVALID_REQUEST: ${text}`);
const serialize = (file: ExecApprovalsFile) => `${JSON.stringify(file, null, 2)}\n`;

/**
 * `exec-approvals.json` in a state dir (EXEC.md 4). Every write is atomic with mode 0600 and
 * takes its turn with the other writes to the same file in this process; `hash` is the
 * SHA-256 of the raw text and guards `set` against concurrent edits.
 *
 * @example
 * const store = new ApprovalsStore(stateDir);
 * const { hash } = await store.ensure();
 * await store.set({ version: 1, agents: { '*': { allowlist: [{ pattern: '/usr/bin/uname' }] } } }, hash);
 */
export class ApprovalsStore {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = resolve(join(stateDir, APPROVALS_FILE_NAME));
  }

  /** The current file (normalised; empty when missing or unparseable) and its hash. */
  async read(): Promise<StoredSnapshot> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path: this.path, exists: false, hash: MISSING_APPROVALS_HASH, file: normalizeApprovalsFile({ version: 1 }) };
      throw new OpenClawError('UNAVAILABLE', `UNAVAILABLE: cannot read ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined; // Unparseable JSON counts as an empty file (EXEC.md 4).
    }
    return { path: this.path, exists: true, hash: approvalsHash(text), file: normalizeApprovalsFile(raw) };
  }

  /**
   * Creates the file on first use with a socket path and a fresh token, and writes back a
   * file whose normal form differs (ids filled in), so ids stay stable between reads.
   */
  ensure(): Promise<StoredSnapshot> {
    return runSerially(this.path, async () => {
      const current = await this.read();
      const file = withSocket(current.file, current.file.socket, this.path);
      if (current.exists && (await this.rawText()) === serialize(file)) return current;
      return this.write(file);
    });
  }

  /**
   * Replaces the file if `baseHash` is still its hash (PROTOCOL.md 9.1). The socket path
   * and token the caller cannot see are kept when the new file leaves them out.
   */
  set(next: unknown, baseHash: string | undefined): Promise<StoredSnapshot> {
    return runSerially(this.path, async () => {
      const current = await this.read();
      const base = baseHash?.trim() ?? '';
      if (!current.exists) {
        if (base && base !== current.hash) throw invalid('exec approvals changed; reload and retry');
      } else if (!base) {
        throw invalid('exec approvals base hash required; reload and retry');
      } else if (base !== current.hash) {
        throw invalid('exec approvals changed; reload and retry');
      }
      const normalized = normalizeApprovalsFile(next);
      return this.write(withSocket(normalized, { ...current.file.socket, ...dropUndefined(normalized.socket) }, this.path));
    });
  }

  /** Applies `edit` to the current file under the write turn (usage metadata, allow-always). */
  update(edit: (file: ExecApprovalsFile) => ExecApprovalsFile): Promise<StoredSnapshot> {
    return runSerially(this.path, async () => {
      const edited = edit((await this.read()).file);
      return this.write(withSocket(edited, edited.socket, this.path));
    });
  }

  private async rawText(): Promise<string | undefined> {
    return readFile(this.path, 'utf8').catch(() => undefined);
  }

  private async write(file: ExecApprovalsFile): Promise<StoredSnapshot> {
    const text = serialize(file);
    await writeFileAtomic(this.path, text);
    return { path: this.path, exists: true, hash: approvalsHash(text), file };
  }
}

/** What a snapshot may show: the socket token never leaves the host. */
export const redactSnapshot = (snapshot: StoredSnapshot): ExecApprovalsSnapshot => ({ ...snapshot, file: redactApprovalsFile(snapshot.file) });

function withSocket(file: ExecApprovalsFile, socket: ExecApprovalsFile['socket'], path: string): ExecApprovalsFile {
  const full = {
    path: socket?.path ?? path.replace(/\.json$/, '.sock'),
    token: socket?.token ?? randomBytes(24).toString('base64url'),
  };
  return { version: 1, socket: full, defaults: file.defaults ?? {}, agents: file.agents ?? {} };
}

function dropUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
