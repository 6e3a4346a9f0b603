import { dirname, resolve } from 'node:path';
import { OpenClawError } from '../errors/openclaw-error.js';
import { ensurePrivateDir } from './ensure-private-dir.js';
import { readJsonFile, reasonOf, storeCorrupt } from './read-json-file.js';
import { runSerially } from './run-serially.js';
import { removeStaleTempFiles } from './temp-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** One JSON document with read-modify-write. A shared (Redis) backend implements the same. */
export interface DocumentStore<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
  update(fn: (current: T) => T | Promise<T>): Promise<T>;
}

export interface JsonFileStoreOptions<T> {
  /** The value while the file does not exist. Called each time, so it may return a fresh object. */
  defaults: () => T;
  /** Validates what was parsed; may throw (the error becomes `STORE_CORRUPT`). */
  parse?: (raw: unknown) => T;
}

/**
 * A JSON document in one file: mode 0600 in a 0700 directory, replaced atomically on every
 * write, so a crash or `kill -9` leaves the previous or the new version. Writes and updates
 * on the same file take turns within the process, so concurrent `update`s never lose one.
 *
 * @example
 * const store = new JsonFileStore(join(stateDir, 'counter.json'), { defaults: () => ({ n: 0 }) });
 * await store.update((c) => ({ n: c.n + 1 }));
 */
export class JsonFileStore<T> implements DocumentStore<T> {
  readonly path: string;
  private prepared = false;

  constructor(
    path: string,
    private readonly options: JsonFileStoreOptions<T>,
  ) {
    this.path = resolve(path);
  }

  /** The stored value, or `defaults()` when there is no file. */
  async read(): Promise<T> {
    const raw = await readJsonFile<unknown>(this.path);
    if (raw === undefined) return this.options.defaults();
    if (this.options.parse === undefined) return raw as T;
    try {
      return this.options.parse(raw);
    } catch (err) {
      throw storeCorrupt(this.path, `does not have the expected shape (${reasonOf(err)})`, err);
    }
  }

  write(value: T): Promise<void> {
    return runSerially(this.path, () => this.save(value));
  }

  /** Reads, applies `fn`, writes the result and returns it, with no other write in between. */
  update(fn: (current: T) => T | Promise<T>): Promise<T> {
    return runSerially(this.path, async () => {
      const next = await fn(await this.read());
      await this.save(next);
      return next;
    });
  }

  private async save(value: T): Promise<void> {
    if (!this.prepared) await this.prepare();
    await writeFileAtomic(this.path, `${JSON.stringify(value, null, 2)}\n`);
  }

  private async prepare(): Promise<void> {
    try {
      // Often the state dir itself: created 0700, but an existing one keeps the mode its user gave it.
      await ensurePrivateDir(dirname(this.path), { keepExisting: true });
    } catch (err) {
      throw new OpenClawError('STORE_WRITE_FAILED', `Could not create the directory of ${this.path}: ${reasonOf(err)}.`, {
        details: { path: this.path },
        cause: err,
      });
    }
    // A writer killed mid-write leaves its temp file; it never shadows the target, only litters.
    await removeStaleTempFiles(this.path);
    this.prepared = true;
  }
}
