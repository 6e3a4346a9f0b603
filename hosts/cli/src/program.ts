import { Command } from 'commander';
import { register as registerApprovals } from './commands/approvals.js';
import { register as registerConfig } from './commands/config.js';
import { register as registerDevices } from './commands/devices.js';
import { register as registerGateway } from './commands/gateway.js';
import { register as registerMcp } from './commands/mcp.js';
import { register as registerNode } from './commands/node.js';
import { register as registerNodes } from './commands/nodes.js';
import { register as registerPlugins } from './commands/plugins.js';
import { register as registerStatus } from './commands/status.js';

/**
 * Command groups in help order. Each module only declares commands, options and help
 * text; its actions import their implementation lazily, so `openclaw config get` never
 * loads what `openclaw gateway run` needs.
 */
const COMMAND_GROUPS: ReadonlyArray<(program: Command) => void> = [registerStatus, registerGateway, registerNode, registerNodes, registerPlugins, registerDevices, registerApprovals, registerConfig, registerMcp];

/**
 * Builds the `openclaw` commander program.
 *
 * @example
 * await buildProgram('0.1.0').parseAsync(['node', 'openclaw', 'config', 'get', 'gateway.port']);
 */
export function buildProgram(version: string): Command {
  const program = new Command('openclaw')
    .description('OpenClaw nodes: the gateway, node hosts and the operator CLI.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for additional information)')
    .showSuggestionAfterError();
  for (const register of COMMAND_GROUPS) register(program);
  return program;
}
