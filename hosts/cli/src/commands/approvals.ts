import type { Command } from 'commander';
import { runAction } from '../run-action.js';
import { withGatewayOptions } from './gateway-options.js';

const NODE_HELP = "a node's id, id prefix (6+ chars), display name or IP: edit that node host's file";
const GATEWAY_HELP = "the gateway host's own file (wins over --node)";
type Flags = Record<string, any>;

const TARGETS = `
Without --node or --gateway the file of this machine is used
(<state dir>/exec-approvals.json). The file is written atomically, mode 0600.`;

/** Adds the target options every `approvals` subcommand takes. */
const targeted = (command: Command) => withGatewayOptions(command, 10_000).option('--node <idOrNameOrIp>', NODE_HELP).option('--gateway', GATEWAY_HELP);

/**
 * Declares `openclaw approvals` (alias `exec-approvals`): read and edit exec approvals
 * (allowlist, security, ask) on this machine, the gateway host or a node host (CLI.md 7).
 */
export function register(program: Command): void {
  const approvals = program
    .command('approvals')
    .alias('exec-approvals')
    .description('exec approvals: which commands a node host (or this machine) may run')
    .addHelpText('after', TARGETS);
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => runAction(`approvals ${label}`, fn, { json: flags.json });
  const actions = () => import('../actions/approvals.js');

  targeted(approvals.command('get').description('show the approvals file, its hash and the allowlist')).action((flags: Flags) =>
    run('get', flags, async () => (await actions()).approvalsGet(flags)),
  );

  targeted(approvals.command('set').description('replace the whole approvals file (JSON5), if nobody changed it meanwhile'))
    .option('--file <path>', 'read the new file from this path')
    .option('--stdin', 'read the new file from standard input')
    .action((flags: Flags) => run('set', flags, async () => (await actions()).approvalsSet(flags)));

  const pending = () => import('../actions/approvals-pending.js');
  withGatewayOptions(approvals.command('pending').description('exec approval requests waiting for an operator (needs operator.approvals)'), 10_000)
    .action((flags: Flags) => run('pending', flags, async () => (await pending()).approvalsPending(flags)));
  withGatewayOptions(approvals.command('allow').description('let a waiting command run once, or with --always add its programs to the node allowlist').argument('<id>', 'the request id from approvals pending'), 10_000)
    .option('--always', "allow-always: also add the command's programs to the node's allowlist")
    .action((id: string, flags: Flags) => run('allow', flags, async () => (await pending()).approvalsResolve(id, flags.always ? 'allow-always' : 'allow-once', flags)));
  withGatewayOptions(approvals.command('deny').description('refuse a waiting command').argument('<id>', 'the request id from approvals pending'), 10_000)
    .action((id: string, flags: Flags) => run('deny', flags, async () => (await pending()).approvalsResolve(id, 'deny', flags)));

  const allowlist = approvals.command('allowlist').description('add or remove allowlist patterns (matched against the program a command runs, never its arguments)');
  for (const action of ['add', 'remove'] as const) {
    targeted(allowlist.command(action).description(action === 'add' ? 'allow the programs a pattern matches' : 'remove a pattern').argument('<pattern>', 'a path glob (/usr/bin/uname, ~/bin/*), a name glob for a program typed as a bare name (hostname), or * for any program that resolves'))
      .option('--agent <id>', 'agent section to edit (default "*": every agent)')
      .addHelpText('after', action === 'add' ? '\nExample:\n  openclaw approvals allowlist add --node "Build Node" "/usr/bin/uname"' : '')
      .action((pattern: string, flags: Flags) => run(`allowlist ${action}`, flags, async () => (await actions()).approvalsAllowlist(action, pattern, flags)));
  }
}
