import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes `bytes` to a new private file (mode 0600, in its own temp dir), runs `use` with its
 * path and removes it afterwards, whatever `use` did with it (moved, removed or left).
 */
export async function withTempMediaFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-media-'));
  try {
    const path = join(dir, 'media');
    await writeFile(path, bytes, { mode: 0o600 });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
