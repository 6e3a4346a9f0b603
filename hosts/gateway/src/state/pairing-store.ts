import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readJsonFile, writeFileAtomic } from '@openclaw-nodes/core/store';
import { GroupCommit } from './group-commit.js';
import { parsePairingState, serializePairingState } from './pairing-model.js';
import { PairingMirror } from './pairing-records.js';

/**
 * The gateway's pairing records, held in memory and written atomically to
 * `<stateDir>/gateway/pairing.json`. Mutate through the accessors, then `await save()` before
 * acknowledging anything that depends on the change.
 */
export class PairingStore extends PairingMirror {
  readonly path: string;
  private readonly committer: GroupCommit;

  /** The pairing file of a state directory. */
  static pathIn(stateDir: string): string {
    return join(stateDir, 'gateway', 'pairing.json');
  }

  constructor(stateDir: string) {
    super();
    this.path = PairingStore.pathIn(stateDir);
    this.committer = new GroupCommit(() => writeFileAtomic(this.path, serializePairingState(this.state)));
  }

  async load(): Promise<void> {
    const raw = await readJsonFile(this.path);
    if (raw === undefined) return;
    try {
      this.state = parsePairingState(raw);
    } catch (err) {
      throw new OpenClawError('STORE_CORRUPT', `${this.path} ${(err as Error).message}; move it aside to start with no pairings`, { cause: err, details: { path: this.path } });
    }
  }

  save(): Promise<void> {
    return this.committer.commit();
  }

  flush(): Promise<void> {
    return this.committer.idle();
  }
}
