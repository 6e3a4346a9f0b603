import type { Command } from 'commander';
import { runAction } from '../run-action.js';
import { withGatewayOptions } from './gateway-options.js';

type Flags = Record<string, any>;

/** Declares `openclaw devices …`: device pairing, which gates every connection. */
export function register(program: Command): void {
  const devices = program.command('devices').description('device pairing requests and paired devices');
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => runAction(`devices ${label}`, fn, { json: flags.json });

  withGatewayOptions(devices.command('list').description('pending and paired devices'), 10_000).action((flags: Flags) =>
    run('list', flags, async () => (await import('../actions/devices.js')).devicesList(flags)),
  );
  withGatewayOptions(devices.command('approve').description('approve a device request (newest when no id)').argument('[requestId]'), 10_000)
    .option('--latest', 'approve the newest pending request')
    .action((requestId: string | undefined, flags: Flags) => run('approve', flags, async () => (await import('../actions/devices.js')).devicesApprove(requestId, flags)));
  withGatewayOptions(devices.command('reject').description('reject a device request').argument('<requestId>'), 10_000).action(
    (requestId: string, flags: Flags) => run('reject', flags, async () => (await import('../actions/devices.js')).devicesReject(requestId, flags)),
  );
  withGatewayOptions(devices.command('remove').description('unpair a device and revoke its tokens').argument('<deviceId>'), 10_000).action(
    (deviceId: string, flags: Flags) => run('remove', flags, async () => (await import('../actions/devices.js')).devicesRemove(deviceId, flags)),
  );
}
