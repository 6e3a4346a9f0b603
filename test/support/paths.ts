import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_DIR = join(ROOT, 'hosts', 'cli');
/** The built `openclaw` binary (the global test setup builds it). */
export const BIN = join(CLI_DIR, 'bin', 'openclaw.js');
