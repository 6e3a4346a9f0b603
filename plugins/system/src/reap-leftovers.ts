/**
 * @module
 * Run by the reap guardian once its host has died: `node reap-leftovers.js <state dir>`
 * SIGKILLs the recorded process groups of that host's commands that are still alive.
 */
import { RunningGroups } from './running-groups.js';

const stateDir = process.argv[2];
if (stateDir) await new RunningGroups(stateDir).reapLeftovers();
