import type { Server } from 'node:net';
import type { Socket } from 'node:net';

/**
 * Bytes received and sent on every TCP connection of a server — HTTP and WebSocket alike,
 * TLS included — read from the sockets' own counters when asked, so no message pays for it.
 */
export class TcpByteCounter {
  private readonly live = new Set<Socket>();
  private closedRead = 0;
  private closedWritten = 0;

  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.live.add(socket);
      socket.once('close', () => {
        this.closedRead += socket.bytesRead;
        this.closedWritten += socket.bytesWritten;
        this.live.delete(socket);
      });
    });
  }

  totals(): { received: number; sent: number } {
    let received = this.closedRead;
    let sent = this.closedWritten;
    for (const socket of this.live) {
      received += socket.bytesRead;
      sent += socket.bytesWritten;
    }
    return { received, sent };
  }
}
