/**
 * @module
 * The entry of the plain build (`dist/main.js`): runs `cli.ts` for this process's arguments.
 */
import { runCli } from './cli.js';

await runCli(process.argv);
