import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { poll } from '../support/poll.js';
import { startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

// The kernel caps any listen backlog at net.core.somaxconn (4096 on current kernels); with a
// cap near Node's default of 511 a burst larger than the default cannot be told apart.
const SOMAXCONN = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
const BURST = Math.min(1_500, SOMAXCONN - 16);

describe("the gateway's accept queue", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.skipIf(BURST <= 600)('holds a burst of connections that arrive while the gateway is busy, instead of dropping them for TCP to retry seconds later', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const port = await freePort();
    const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--token', 't'], { ...process.env, OPENCLAW_STATE_DIR: dir.path, HOME: dir.path }, /listening on/);
    cleanups.push(gateway.stop);
    await gateway.started;
    // A stopped gateway accepts nothing: every connection of the burst waits in the kernel's
    // queue, as a restarted gateway's fleet does while the first handshakes run.
    gateway.child.kill('SIGSTOP');
    cleanups.push(() => gateway.child.kill('SIGCONT'));
    const sockets: Socket[] = [];
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    let established = 0;
    for (let i = 0; i < BURST; i++) {
      const socket = connect(port, '127.0.0.1', () => established++);
      socket.on('error', () => undefined);
      sockets.push(socket);
    }
    // A connection past a full queue has its SYN dropped and is not established until its
    // retransmit finds room, which never comes while the gateway is stopped.
    await poll(() => (established === BURST ? true : expect(established).toBe(BURST)), `all ${BURST} connections established`);
    expect(established).toBe(BURST);
  });
});
