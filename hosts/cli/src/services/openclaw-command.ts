import { fileURLToPath } from 'node:url';
import type { ServiceKind } from './service-spec.js';

/** This install's `openclaw` entry script, absolute (the service runs exactly this copy). */
export const OPENCLAW_BIN = fileURLToPath(new URL('../../bin/openclaw.js', import.meta.url));

/**
 * Flags for node itself when it runs a long-lived host (`gateway run`, `node run`). V8 fixes
 * the young generation's largest size when it creates the heap, so only node's command line
 * (or NODE_OPTIONS, which every child process would inherit) can set it: neither the host
 * nor `v8.setFlagsFromString` can once the program runs. Semi-spaces of 2 MiB instead of up to
 * 16 MiB, measured on the gateway: 10 MB less resident memory idle and 12 MB less with 1,000
 * nodes connected, CPU per handshake and invoke throughput unchanged. 1 MiB saved 2 MB more
 * idle but nothing with nodes connected, and cost about 10 % more CPU per new device. On the
 * headless node host 2 MiB measured 4 MB less (74 → 70 MB) at the same invoke throughput; 1 MiB
 * 6 MB less but about 10 % fewer invokes/s.
 */
export const HOST_NODE_FLAGS: Readonly<Record<ServiceKind, readonly string[]>> = {
  gateway: ['--max-semi-space-size=2'],
  node: ['--max-semi-space-size=2'],
};

/**
 * The command line that runs the long-lived `openclaw <args>` of a `kind` of service
 * (`gateway run`, `node run`) with this very node, that kind's `HOST_NODE_FLAGS` and this very
 * install, whatever PATH the service manager gives the service.
 *
 * @example
 * openclawCommand('gateway', ['gateway', 'run', '--port', '18789']); // ['/usr/bin/node', '--max-semi-space-size=2', '/opt/openclaw/hosts/cli/bin/openclaw.js', 'gateway', 'run', '--port', '18789']
 */
export function openclawCommand(kind: ServiceKind, args: string[]): string[] {
  return [process.execPath, ...HOST_NODE_FLAGS[kind], OPENCLAW_BIN, ...args];
}
