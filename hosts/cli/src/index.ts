/**
 * @module
 * @openclaw-nodes/cli: the `openclaw` command-line program. The binary is `bin/openclaw.js`;
 * these exports let other packages build on the same program and error printer.
 */
export { buildProgram } from './program.js';
export { runAction, type RunActionOptions } from './run-action.js';
export { readVersion } from './version.js';
