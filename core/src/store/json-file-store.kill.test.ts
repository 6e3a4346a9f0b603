import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonFileStore } from './json-file-store.js';

const KILLS = 40;
const coreSrc = fileURLToPath(new URL('..', import.meta.url));
const writerScript = fileURLToPath(new URL('../../test-fixtures/store-writer.mjs', import.meta.url));

let root: string;
let storeModuleUrl: string;

// The writer is a plain Node process, so it needs JavaScript. The store (and the errors it
// imports) is compiled on its own into a scratch directory, leaving dist/ to the build.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'store-kill-'));
  const out = join(root, 'build');
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const typeRoots = join(dirname(createRequire(import.meta.url).resolve('@types/node/package.json')), '..');
  const args = ['--outDir', out, '--rootDir', coreSrc, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022'];
  args.push('--strict', '--skipLibCheck', '--types', 'node', '--typeRoots', typeRoots, join(coreSrc, 'store.ts'));
  const built = spawnSync(process.execPath, [tsc, ...args], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`compiling the store failed:\n${built.stdout}${built.stderr}`);
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
  storeModuleUrl = pathToFileURL(join(out, 'store.js')).href;
});
afterAll(() => rm(root, { recursive: true, force: true }));

interface Run {
  announced: Map<number, string>;
  lastDone: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts a writer, SIGKILLs it 5 to 60 ms after its first completed write, and reports what it said. */
function runAndKill(target: string, firstGeneration: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerScript, storeModuleUrl, target, String(firstGeneration)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { announced: new Map(), lastDone: 0, signal: null, stderr: '' };
    let buffered = '';
    let killTimer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, generation, checksum] = line.split(' ');
        if (word === 'begin') run.announced.set(Number(generation), checksum);
        if (word === 'done') run.lastDone = Number(generation);
      }
      if (run.lastDone > 0 && killTimer === undefined) killTimer = setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 55);
    });
    child.on('error', reject);
    // 'close' waits for stdout to drain, so every line written before the kill is counted.
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp);
      run.signal = signal;
      resolve(run);
    });
  });
}

describe('JsonFileStore under kill -9', () => {
  it(`always leaves the previous or the new document after ${KILLS} kills at random moments`, async () => {
    const dir = join(root, 'state', 'nested');
    const target = join(dir, 'document.json');
    for (let i = 1; i <= KILLS; i += 1) {
      const first = i * 1_000_000;
      const run = await runAndKill(target, first);
      expect(run.stderr).toBe('');
      expect(run.signal).toBe('SIGKILL');
      expect(run.lastDone).toBeGreaterThanOrEqual(first);

      const doc = JSON.parse(await readFile(target, 'utf8')) as { generation: number; checksum: string; padding: string };
      expect([run.lastDone, run.lastDone + 1]).toContain(doc.generation);
      expect(doc.checksum).toBe(run.announced.get(doc.generation));
      expect(createHash('sha256').update(`${doc.generation}|${doc.padding}`).digest('hex')).toBe(doc.checksum);
      expect((await stat(target)).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }

    // The next writer in this process tidies up what the last victim left behind.
    const store = new JsonFileStore<{ ok: boolean }>(target, { defaults: () => ({ ok: false }) });
    await store.write({ ok: true });
    expect(await readdir(dir)).toEqual(['document.json']);
    expect(await store.read()).toEqual({ ok: true });
  }, 120_000);
});
