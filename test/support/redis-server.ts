import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parentDeathLauncher } from '@openclaw-nodes/core/exec';
import { freePort } from './free-port.js';
import { startProcess } from './processes.js';
import { tempDir } from './temp-dir.js';

const run = promisify(execFile);

/**
 * A real `redis-server` on a free loopback port with its own data dir and the append-only
 * file on, so a stop and start keeps what was written (as a production Redis would).
 */
export class RedisServer {
  private process: ReturnType<typeof startProcess> | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: { path: string; cleanup: () => void },
  ) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), tempDir('openclaw-redis-'));
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server again on the same port and data dir (after `pause()`). */
  async resume(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir.path, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'];
    // Tied to this test process's life: a suite whose setup fails after this start, or a killed
    // worker, leaves no redis-server behind.
    const [command, ...prefix] = [...parentDeathLauncher(), 'redis-server'];
    this.process = startProcess(command!, [...prefix, ...args], { PATH: process.env.PATH }, /Ready to accept connections/);
    await this.process.started;
  }

  /** Stops the server (SIGTERM: it flushes the append-only file, as a maintenance restart would). */
  async pause(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
  }

  /** One `redis-cli` command against this server; its output, trimmed. */
  async cli(...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), '--no-raw', ...args]);
    return stdout.trim();
  }

  async stop(): Promise<void> {
    await this.pause();
    this.dir.cleanup();
  }
}
