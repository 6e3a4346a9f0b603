import { stat } from 'node:fs/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';

/** Permission bits of a file or directory, e.g. 0o600. */
export const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** The OpenClawError a promise rejects with; fails the test on success or on another error. */
export async function rejection(promise: Promise<unknown>): Promise<OpenClawError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OpenClawError)) throw new Error(`expected an OpenClawError, got ${String(err)}`);
  return err;
}
