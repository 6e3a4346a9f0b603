import type { Command } from 'commander';
import { runAction } from '../run-action.js';
import { withGatewayOptions } from './gateway-options.js';

const NODE_HELP = 'node id, id prefix (6+ chars), display name or IP';
type Flags = Record<string, any>;

/** Declares `openclaw nodes …`: inspect, pair and invoke nodes through the gateway. */
export function register(program: Command): void {
  const nodes = program.command('nodes').description('list, pair and invoke nodes through the gateway');
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => runAction(`nodes ${label}`, fn, { json: flags.json });

  withGatewayOptions(nodes.command('status').description('known nodes with connection and pairing state'), 10_000)
    .option('--connected', 'only connected nodes')
    .action((flags: Flags) => run('status', flags, async () => (await import('../actions/nodes-status.js')).nodesStatus(flags)));

  withGatewayOptions(nodes.command('describe').description('one node: identity, permissions, commands'), 10_000)
    .requiredOption('--node <idOrNameOrIp>', NODE_HELP)
    .action((flags: Flags) => run('describe', flags, async () => (await import('../actions/nodes-status.js')).nodesDescribe(flags as never)));

  withGatewayOptions(nodes.command('list').description('pending requests and paired nodes'), 10_000).action((flags: Flags) =>
    run('list', flags, async () => (await import('../actions/nodes-pairing.js')).nodesList(flags)),
  );

  withGatewayOptions(nodes.command('pending').description('every request that keeps a node from working (device pairing and command approval)'), 10_000).action(
    (flags: Flags) => run('pending', flags, async () => (await import('../actions/nodes-pairing.js')).nodesPending(flags)),
  );

  withGatewayOptions(nodes.command('approve').description('approve a pending node request (either kind)').argument('<requestId>'), 10_000)
    .option('--code <code>', 'the verification code the node host printed; refused when it does not match (required for remote nodes under gateway.nodes.pairing.requireCode)')
    .action(
    (requestId: string, flags: Flags) => run('approve', flags, async () => (await import('../actions/nodes-pairing.js')).nodesApprove(requestId, flags)),
  );

  withGatewayOptions(nodes.command('reject').description('reject a pending node request').argument('<requestId>'), 10_000).action(
    (requestId: string, flags: Flags) => run('reject', flags, async () => (await import('../actions/nodes-pairing.js')).nodesReject(requestId, flags)),
  );

  withGatewayOptions(nodes.command('rename').description("set the name operators see for a node"), 10_000)
    .requiredOption('--node <idOrNameOrIp>', NODE_HELP)
    .requiredOption('--name <displayName>', 'the new display name')
    .action((flags: Flags) => run('rename', flags, async () => (await import('../actions/nodes-pairing.js')).nodesRename(flags as never)));

  withGatewayOptions(nodes.command('remove').description("revoke a node's pairing and disconnect it"), 10_000)
    .requiredOption('--node <idOrNameOrIp>', NODE_HELP)
    .action((flags: Flags) => run('remove', flags, async () => (await import('../actions/nodes-pairing.js')).nodesRemove(flags as never)));

  withGatewayOptions(nodes.command('invoke').description('invoke a command on a node and print the JSON result'), 30_000)
    .requiredOption('--node <idOrNameOrIp>', NODE_HELP)
    .requiredOption('--command <command>', 'command id, e.g. system.which')
    .option('--params <json>', 'command parameters as JSON', '{}')
    .option('--invoke-timeout <ms>', 'how long the gateway waits for the node (default 15000)')
    .option('--idempotency-key <key>', 'idempotency key (default: a random UUID)')
    .addHelpText('after', `\nExample:\n  openclaw nodes invoke --node "Build Node" --command system.which --params '{"bins":["uname"]}'`)
    .action((flags: Flags) => run('invoke', flags, async () => (await import('../actions/nodes-invoke.js')).nodesInvoke(flags as never)));

  withGatewayOptions(nodes.command('run').description("run a command on a node (system.run, under the node's exec approvals)"), 35_000)
    .argument('[command...]', 'the command and its arguments, after --')
    .option('--node <idOrNameOrIp>', `${NODE_HELP} (default: tools.exec.node)`)
    .option('--cwd <path>', 'working directory on the node')
    .option('--env <KEY=VAL>', 'environment variable for the command (repeatable; PATH is ignored by the node)', (v: string, list: string[]) => [...list, v], [])
    .option('--raw <command>', 'a shell command string instead of argv (run with /bin/sh -c on the node, cmd.exe /d /s /c on Windows)')
    .option('--agent <id>', 'whose exec approvals apply (default: the default agent)')
    .option('--security <mode>', 'deny|allowlist|full: only tightens tools.exec.security')
    .option('--ask <mode>', 'off|on-miss|always: only tightens the ask policy (when an operator must approve, the command waits and says which request to answer)')
    .option('--command-timeout <ms>', 'kill the command (and its children) after this long')
    .option('--needs-screen-recording', 'the command needs the screen recording permission')
    .option('--invoke-timeout <ms>', 'how long the gateway waits for the node (default 30000)')
    .addHelpText('after', '\nExamples:\n  openclaw nodes run --node "Build Node" -- uname -a\n  openclaw nodes run --node "Build Node" --cwd /tmp --env LANG=C --raw "ls | wc -l"')
    .action((command: string[], flags: Flags) => run('run', flags, async () => (await import('../actions/nodes-run.js')).nodesRun(command, flags)));

}
