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
 * 6 MB less but about 10 % fewer invokes/s. With a young generation this small, few scavenges
 * run while media passes, so media is read and sent through reused buffers (`fileBody`,
 * `sendFile`): fresh ones would wait as garbage for a full collection.
 */
export const HOST_NODE_FLAGS: Readonly<Record<ServiceKind, readonly string[]>> = {
  gateway: ['--max-semi-space-size=2'],
  node: ['--max-semi-space-size=2'],
};

/**
 * glibc's malloc setting for a long-lived host, as `GLIBC_TUNABLES` takes it. glibc serves
 * blocks of 128 KiB and more with their own mappings, but after the first such block is freed
 * it raises that threshold to the block's size (up to 32 MiB), and serves later large blocks
 * from the main heap, whose free pages go back to the system only from its top. After a burst
 * of 5 MB frames to a node that stopped reading, the gateway then kept 15–50 MB of freed heap
 * resident for good in about one run in four (`[heap]` at 52 MB instead of 5 MB). Setting the
 * threshold, even to glibc's default of 128 KiB, turns that growth off; only the environment
 * can (node has no `mallopt`). Commands the node host runs never inherit it (`GLIBC_TUNABLES`
 * is in the exec environment's block list). The cost: every block of 128 KiB or more is its
 * own mapping, so a frame of a megabyte or more costs mmap, munmap and page faults. Measured
 * with 1 MB and 5 MB `node.invoke` frames through gateway and node host: 6–16 % more gateway
 * CPU per frame (1 MB: 10.0–10.3 ms against 9.1–9.4; 5 MB: 47.6–49.2 against 42.4–42.8);
 * the invoke path's ordinary frames, far below 128 KiB, cost the same. musl ignores it.
 */
export const HOST_GLIBC_TUNABLES = 'glibc.malloc.mmap_threshold=131072';

/**
 * The environment a long-lived host adds to `base` on Linux (`GLIBC_TUNABLES` with
 * `HOST_GLIBC_TUNABLES` appended to what `base` has, unless `base` sets the threshold itself);
 * nothing elsewhere, where glibc is not the allocator.
 *
 * @example
 * hostEnvironment({}, 'linux'); // { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072' }
 * hostEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux'); // { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072' }
 */
export function hostEnvironment(base: Readonly<Record<string, string | undefined>> = {}, platform: NodeJS.Platform = process.platform): Record<string, string> {
  if (platform !== 'linux') return {};
  const own = base.GLIBC_TUNABLES;
  if (!own) return { GLIBC_TUNABLES: HOST_GLIBC_TUNABLES };
  if (own.split(':').some((entry) => entry.startsWith('glibc.malloc.mmap_threshold='))) return { GLIBC_TUNABLES: own };
  return { GLIBC_TUNABLES: `${own}:${HOST_GLIBC_TUNABLES}` };
}

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
