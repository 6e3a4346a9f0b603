import type { Command } from 'commander';
import { runAction } from '../run-action.js';

const PATH_HELP = 'key path with dots and brackets, e.g. agents.list[0].tools.exec.node';

const FILE_HELP = `
The file is $OPENCLAW_CONFIG_PATH if set, else <state dir>/openclaw.json
(state dir: $OPENCLAW_STATE_DIR or ~/.openclaw). "get" and "file" also find
a project .openclawrc when neither exists. Strings in the file may refer to
environment variables as \${NAME} (\$\${NAME} for the literal text); "set" and
"unset" keep such references as written.`;

/**
 * Declares `openclaw config get|set|unset|file`: the local config file, no gateway needed.
 * Failures print the bare message (`Config path not found: <path>`) and exit 1.
 */
export function register(program: Command): void {
  const config = program
    .command('config')
    .description('read and edit the local config file (openclaw.json)')
    .addHelpText('after', FILE_HELP);

  config
    .command('get')
    .description('print a config value: file, then env overrides, then defaults')
    .argument('<path>', PATH_HELP)
    .option('--json', 'print the value as JSON, even a plain string')
    .option('--show-secrets', 'print secrets (tokens, passwords, API keys) instead of __OPENCLAW_REDACTED__')
    .addHelpText(
      'after',
      '\nSecrets print as __OPENCLAW_REDACTED__ unless --show-secrets.\n\nExamples:\n  openclaw config get gateway.port\n  openclaw config get agents.list --json\n  export OPENCLAW_GATEWAY_TOKEN="$(openclaw config get gateway.auth.token --show-secrets)"',
    )
    .action((path: string, options: { json?: boolean; showSecrets?: boolean }) =>
      runAction('config get', async () => (await import('../actions/config-get.js')).configGet(path, options), {
        json: options.json,
        prefix: false,
      }),
    );

  config
    .command('set')
    .description('set a config value; the value is parsed as JSON5, else taken as a string')
    .argument('<path>', PATH_HELP)
    .argument('<value>', 'JSON5 value (18790, true, ["a"], {id:"main"}) or plain text')
    .option('--strict-json', 'the value must be valid JSON; never fall back to a string')
    .option('--json', 'legacy alias for --strict-json')
    .addHelpText(
      'after',
      '\nExamples:\n  openclaw config set tools.exec.host node\n  openclaw config set tools.exec.node "Build Node"\n  openclaw config set agents.list[0] \'{"id":"main"}\'',
    )
    .action((path: string, value: string, options: { strictJson?: boolean; json?: boolean }) =>
      runAction('config set', async () => (await import('../actions/config-set.js')).configSet(path, value, options), { prefix: false }),
    );

  config
    .command('unset')
    .description('remove a config value (a list item is removed and later items move up)')
    .argument('<path>', PATH_HELP)
    .addHelpText('after', '\nExample:\n  openclaw config unset tools.exec.node')
    .action((path: string) =>
      runAction('config unset', async () => (await import('../actions/config-unset.js')).configUnset(path), { prefix: false }),
    );

  config
    .command('file')
    .description('print the path of the config file in use')
    .action(() => runAction('config file', async () => (await import('../actions/config-file.js')).configFile(), { prefix: false }));
}
