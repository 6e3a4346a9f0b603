import type { Command } from 'commander';
import { runAction } from '../run-action.js';

/** Declares `openclaw status`: one view of what runs on this machine. */
export function register(program: Command): void {
  program
    .command('status')
    .description('what runs on this machine: gateway, node host, plugins, services, and the config in use with its problems')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nProbes the configured gateway port on this machine (2 s at most per request) and reads the node host\'s state files; starts nothing.\n\nExamples:\n  openclaw status\n  openclaw status --json',
    )
    .action((flags: { json?: boolean }) => runAction('status', async () => (await import('../actions/status.js')).status(flags), { json: flags.json, exitWhenDone: true }));
}
