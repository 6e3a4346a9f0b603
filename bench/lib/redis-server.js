/**
 * @module
 * A throwaway `redis-server` (Debian's) for the cluster benches.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { freePort } from './processes.js';

/** A redis-server on a free loopback port with its data in `dir`, resolved once it accepts connections. */
export async function startRedis(dir) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk) && /Ready to accept connections/.test(out) && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  const usedMemory = async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis({ port, host: '127.0.0.1' });
    const info = await client.info('memory');
    client.disconnect();
    return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
  };
  return { child, url: `redis://127.0.0.1:${port}`, usedMemory };
}
