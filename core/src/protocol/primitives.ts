import { z } from 'zod';

/** `NonEmptyString` of the shipped schema. */
export const nonEmptyString = z.string().min(1);
/** Integer >= 0: timestamps, timeouts, sequence numbers. */
export const nonNegativeInt = z.int().min(0);
/** A list of non-empty strings (caps, commands, scopes). */
export const stringList = z.array(nonEmptyString);
