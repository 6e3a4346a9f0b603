/**
 * @module
 * The `openclaw` entry point. `--version` answers before anything else is loaded; every
 * other invocation builds the commander program, whose actions import their code only
 * when they run.
 */
import { exitOnClosedPipe } from './exit-on-closed-pipe.js';
import { readVersion } from './version.js';

exitOnClosedPipe();

const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${readVersion()}\n`);
} else {
  const { buildProgram } = await import('./program.js');
  await buildProgram(readVersion()).parseAsync(process.argv);
}
