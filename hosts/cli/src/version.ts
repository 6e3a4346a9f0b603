import { readFileSync } from 'node:fs';

/**
 * The CLI version from this package's package.json. Read at run time (one small file)
 * rather than imported, so `openclaw --version` loads no JSON module machinery.
 *
 * @example
 * readVersion(); // '0.1.0'
 */
export function readVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}
