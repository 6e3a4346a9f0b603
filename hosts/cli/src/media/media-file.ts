import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { openclawTempDir, type TempDirFacts } from './temp-dir.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a node's base64 media and writes it to a new file in the OpenClaw temp dir,
 * named `<prefix>-<uuid>.<ext>` (e.g. `openclaw-canvas-snapshot-<uuid>.png`). Returns the
 * absolute path. The file is created exclusively with mode 0600; the CLI never deletes it.
 *
 * @example
 * const path = await writeMediaFile(payload.base64, 'openclaw-canvas-snapshot', 'png');
 * process.stdout.write(`${mediaLine(path)}\n`);
 */
export async function writeMediaFile(base64: unknown, prefix: string, ext: string, facts?: TempDirFacts): Promise<string> {
  if (typeof base64 !== 'string' || base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) {
    throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the node answered without valid base64 image data');
  }
  const name = `${prefix}-${randomUUID()}.${ext}`;
  try {
    const path = join(openclawTempDir(facts), name);
    await writeFile(path, Buffer.from(base64, 'base64'), { mode: 0o600, flag: 'wx' });
    return path;
  } catch (err) {
    throw new OpenClawError('MEDIA_WRITE_FAILED', `could not write ${name} to the OpenClaw temp dir: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The `MEDIA:<path>` line an agent pipeline turns into an attachment, with the home
 * directory (`$OPENCLAW_HOME` when set) shown as `~`.
 */
export function mediaLine(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.OPENCLAW_HOME || env.HOME || homedir();
  const shown = home !== '' && path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
  return `MEDIA:${shown}`;
}
