import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Builds every package once before any test file runs: cross-process tests spawn the built
 * binaries, and one build up front avoids test files racing each other on `dist/`. The CLI's
 * short-command bundle is rebuilt too, so a test never runs a bundle older than its sources.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    execFileSync(process.execPath, ['scripts/bundle.js'], { cwd: `${root}hosts/cli`, stdio: 'pipe', encoding: 'utf8' });
  } catch (err) {
    throw new Error(`the build failed, so no test can run:\n${String((err as { stdout?: unknown }).stdout)}`);
  }
}
