import { randomUUID } from 'node:crypto';
import { copyFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { OpenClawError } from '../errors/openclaw-error.js';
import { openclawTempDir, type TempDirFacts } from './temp-dir.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Name parts stay plain words: an extension taken from a node's `format` must not climb out of the temp dir. */
const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/**
 * Writes a node's media, given as base64 (checked strictly) or as bytes (e.g. downloaded from
 * its `url`), to a new file in the OpenClaw temp dir,
 * named `<prefix>-<uuid>.<ext>` (e.g. `openclaw-canvas-snapshot-<uuid>.png`). Returns the
 * absolute path. The file is created exclusively with mode 0600; the CLI never deletes it.
 *
 * Throws `MEDIA_PAYLOAD_INVALID` for data that is neither bytes nor non-empty base64, or a
 * `prefix` or `ext` that is not a plain word (letters, digits, `-`), and
 * `MEDIA_WRITE_FAILED` when no private temp dir can be had or the write fails.
 *
 * @example
 * const path = await writeMediaFile(payload.base64, 'openclaw-canvas-snapshot', 'png');
 * process.stdout.write(`${mediaLine(path)}\n`);
 */
export async function writeMediaFile(data: unknown, prefix: string, ext: string, facts?: TempDirFacts): Promise<string> {
  const name = mediaFileName(prefix, ext);
  const bytes = data instanceof Uint8Array ? data : decodeBase64(data);
  try {
    const path = join(openclawTempDir(facts), name);
    await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
    return path;
  } catch (err) {
    throw writeFailed(name, err);
  }
}

/** `<prefix>-<uuid>.<ext>`, once both parts are plain words; else `MEDIA_PAYLOAD_INVALID`. */
export function mediaFileName(prefix: string, ext: string): string {
  for (const part of [prefix, ext]) {
    if (!NAME_PART.test(part)) throw new OpenClawError('MEDIA_PAYLOAD_INVALID', `media file name part ${JSON.stringify(part).slice(0, 80)} is not a plain word`);
  }
  return `${prefix}-${randomUUID()}.${ext}`;
}

/** `MEDIA_WRITE_FAILED` for the file `name`. */
export const writeFailed = (name: string, err: unknown) =>
  new OpenClawError('MEDIA_WRITE_FAILED', `could not write ${name} to the OpenClaw temp dir: ${(err as Error).message}`, { cause: err });

/**
 * Writes a node's media (base64 or bytes, as `writeMediaFile` takes them) at exactly `path`
 * (`--out`), replacing a file there atomically: the data goes to a new private file (mode
 * 0600) beside it, which is then renamed over the target, so a reader never sees half a file
 * and a symlink at `path` is replaced, not followed. Returns the absolute path.
 *
 * Throws `MEDIA_PAYLOAD_INVALID` for bad data and `MEDIA_WRITE_FAILED` when the directory
 * is missing or not writable, or `path` is a directory.
 *
 * @example
 * await writeMediaFileAt('./clip.mp4', payload.base64); // '/home/me/clip.mp4'
 */
export async function writeMediaFileAt(path: string, data: unknown): Promise<string> {
  const bytes = data instanceof Uint8Array ? data : decodeBase64(data);
  const target = resolve(path);
  const part = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
  try {
    await refuseDirectory(target);
    await writeFile(part, bytes, { mode: 0o600, flag: 'wx' });
    await rename(part, target);
    return target;
  } catch (err) {
    await rm(part, { force: true });
    throw fileWriteFailed(target, err);
  }
}

/** A directory at the target fails as EISDIR before anything is written beside it. */
async function refuseDirectory(target: string): Promise<void> {
  const found = await stat(target).catch(() => undefined);
  if (found?.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
}

/** Why a file could not be written, in words a person can act on, as `MEDIA_WRITE_FAILED`. */
function fileWriteFailed(target: string, err: unknown): OpenClawError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    code === 'EISDIR' ? 'it is a directory; name a file (a path that ends in a file name)'
    : code === 'ENOENT' ? `the directory ${dirname(target)} does not exist`
    : code === 'ENOTDIR' ? `a part of the path is a file, not a directory`
    : code === 'EACCES' || code === 'EPERM' ? `permission denied (this user may not write in ${dirname(target)})`
    : code === 'ENOSPC' ? 'the disk is full'
    : (err as Error).message;
  return new OpenClawError('MEDIA_WRITE_FAILED', `MEDIA_WRITE_FAILED: could not write ${target}: ${reason}`, { cause: err, details: { path: target, ...(code ? { errno: code } : {}) } });
}

function decodeBase64(base64: unknown): Buffer {
  if (typeof base64 !== 'string' || base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) {
    throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the node answered without valid base64 media data');
  }
  return Buffer.from(base64, 'base64');
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

/**
 * Moves a media file the CLI wrote (a download in the temp dir) to exactly `path` (`--out`),
 * replacing a file there atomically as `writeMediaFileAt` does; across file systems it is
 * copied beside the target first. Returns the absolute path. Throws `MEDIA_WRITE_FAILED`.
 */
export async function moveMediaFileTo(from: string, path: string): Promise<string> {
  const target = resolve(path);
  const part = join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
  try {
    await refuseDirectory(target);
    await copyFile(from, part);
    await rename(part, target);
    return target;
  } catch (err) {
    await rm(part, { force: true });
    throw fileWriteFailed(target, err);
  } finally {
    await rm(from, { force: true });
  }
}
