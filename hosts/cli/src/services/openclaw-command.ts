import { fileURLToPath } from 'node:url';

/** This install's `openclaw` entry script, absolute (the service runs exactly this copy). */
export const OPENCLAW_BIN = fileURLToPath(new URL('../../bin/openclaw.js', import.meta.url));

/**
 * The command line that runs `openclaw <args>` with this very node and this very install,
 * whatever PATH the service manager gives the service.
 *
 * @example
 * openclawCommand(['node', 'run', '--port', '18789']); // ['/usr/bin/node', '/opt/openclaw/hosts/cli/bin/openclaw.js', 'node', 'run', '--port', '18789']
 */
export function openclawCommand(args: string[]): string[] {
  return [process.execPath, OPENCLAW_BIN, ...args];
}
