import { defineCommand } from '@openclaw-nodes/core/plugin';
import { z } from 'zod';
import { approvalsGetParams, approvalsSetParams, approvalsSnapshot } from './approvals-schemas.js';
import { prepareParams, prepareResult, runParams, runResult } from './run-schemas.js';

/** Most names one `system.which` call may ask for; bounds the filesystem work per call. */
export const MAX_BINS = 256;
/** Longest name accepted (NAME_MAX on Linux and macOS). */
export const MAX_BIN_NAME = 255;

// The wire text the real node host answers with; clients match on it.
const BINS_REQUIRED = 'bins required';

/** `system.which` params: names are trimmed, empties dropped, duplicates merged. */
export const whichParams = z.object(
  {
    bins: z
      .array(z.string().trim().max(MAX_BIN_NAME, `at most ${MAX_BIN_NAME} characters`), { error: BINS_REQUIRED })
      .max(MAX_BINS, `at most ${MAX_BINS} names`)
      .transform((names) => [...new Set(names.filter((name) => name !== ''))])
      .refine((names) => names.length > 0, BINS_REQUIRED),
  },
  { error: BINS_REQUIRED },
);

/** `system.which` result, headless node host shape: only the names that were found. */
export const whichResult = z.object({ bins: z.record(z.string(), z.string()) });

export type WhichParams = z.output<typeof whichParams>;
export type WhichResult = z.output<typeof whichResult>;

export const whichCommand = defineCommand({
  name: 'system.which',
  params: whichParams,
  result: whichResult,
  description: 'Finds executables on the node PATH.',
});

export const runCommand = defineCommand({
  name: 'system.run',
  params: runParams,
  result: runResult,
  description: "Runs a command on the node, under the node's exec approvals.",
});

export const prepareCommand = defineCommand({
  name: 'system.run.prepare',
  params: prepareParams,
  result: prepareResult,
  description: 'Resolves a command into the plan an approval would bind; runs nothing.',
});

export const approvalsGetCommand = defineCommand({
  name: 'system.execApprovals.get',
  params: approvalsGetParams,
  result: approvalsSnapshot,
  description: "Reads the node's exec approvals file (token redacted).",
});

export const approvalsSetCommand = defineCommand({
  name: 'system.execApprovals.set',
  params: approvalsSetParams,
  result: approvalsSnapshot,
  description: "Replaces the node's exec approvals file if it did not change since it was read.",
});

/** Every command the system plugin declares, in the order the real node host lists them. */
export const systemCommands = [approvalsGetCommand, approvalsSetCommand, runCommand, prepareCommand, whichCommand] as const;
