import { fileURLToPath } from 'node:url';
import type { ServiceKind } from './service-spec.js';

/** This install's `openclaw` entry script, absolute (the service runs exactly this copy). */
export const OPENCLAW_BIN = fileURLToPath(new URL('../../bin/openclaw.js', import.meta.url));

/**
 * Flags for node itself when it runs a long-lived host (`gateway run`, `node run`). V8 fixes
 * the young generation's largest size when it creates the heap, so only node's command line
 * (or NODE_OPTIONS, which every child process would inherit) can set it: neither the host
 * nor `v8.setFlagsFromString` can once the program runs. Semi-spaces of 1 MiB instead of up to
 * 16 MiB: measured on the gateway, 12 MB less resident memory idle and no loss of invoke
 * throughput (each scavenge is smaller, as the live young objects of a router are few).
 */
export const HOST_NODE_FLAGS: Readonly<Record<ServiceKind, readonly string[]>> = {
  gateway: ['--max-semi-space-size=1'],
  node: [],
};

/**
 * The command line that runs the long-lived `openclaw <args>` of a `kind` of service
 * (`gateway run`, `node run`) with this very node, that kind's `HOST_NODE_FLAGS` and this very
 * install, whatever PATH the service manager gives the service.
 *
 * @example
 * openclawCommand('gateway', ['gateway', 'run', '--port', '18789']); // ['/usr/bin/node', '--max-semi-space-size=1', '/opt/openclaw/hosts/cli/bin/openclaw.js', 'gateway', 'run', '--port', '18789']
 */
export function openclawCommand(kind: ServiceKind, args: string[]): string[] {
  return [process.execPath, ...HOST_NODE_FLAGS[kind], OPENCLAW_BIN, ...args];
}
