/**
 * @module
 * What the `openclaw` binary runs, from either build (`entry-point.ts`). `--version` answers
 * before anything else is loaded; every other invocation builds the commander program, whose
 * actions import their code only when they run. Plugin command groups (`nodes <cap> …`) are
 * imported only when the arguments may need one. `last-resort.ts` says what happens to a
 * failure nothing else caught.
 */
import { hideEnvSecrets } from './actions/hide-env-secrets.js';
import { exitOnClosedPipe } from './exit-on-closed-pipe.js';
import { installLastResortHandlers } from './last-resort.js';
import { readVersion } from './version.js';

/**
 * Runs the command `argv` names (`process.argv`: node, script, arguments). Resolves once its
 * action is done; the exit code is left in `process.exitCode`.
 *
 * @example
 * await runCli(process.argv);
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  exitOnClosedPipe();
  // A failure nothing caught ends in a message and a deliberate exit code, not Node's default.
  installLastResortHandlers({ label: 'openclaw', keepRunning: false });
  // A command may wait on a gateway for a long while (`nodes run`): meanwhile `ps` and
  // /proc/<pid>/environ show no --token value or token variable to anyone else.
  hideEnvSecrets();
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${readVersion()}\n`);
    return;
  }
  const { buildProgram } = await import('./program.js');
  const program = buildProgram(readVersion());
  const nodes = program.commands.find((command) => command.name() === 'nodes');
  const { addPluginCommands, wantsPluginCommands } = await import('./plugins/plugin-commands.js');
  const withPlugins = nodes !== undefined && wantsPluginCommands(nodes, args);
  if (withPlugins) await addPluginCommands(nodes, (message) => process.stderr.write(`Warning: ${message}\n`));
  await program.parseAsync([...argv]);
  // Plugin CLI code ran (its import at least): a timer it left behind must not hold the finished command open.
  if (withPlugins) await (await import('./run-action.js')).exitAfterOutput();
}
