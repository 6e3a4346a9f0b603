import { OpenClawError } from '@openclaw-nodes/core/errors';
import { connectGateway, type ConnectGatewayOptions, type RpcPeer } from '@openclaw-nodes/core/rpc';

/** Waits between reconnect attempts, ms: doubling from the first to the last. */
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000] as const;

/**
 * One operator connection kept up for a long-running client (`openclaw mcp serve`): the first
 * connect must succeed (a wrong token or url is reported at once); afterwards a dropped
 * connection (gateway restart) is opened again with backoff, and `onEvent` hears
 * `gateway.reconnected`. Requests while it is down fail with `CONNECTION_CLOSED`.
 */
export class GatewaySession {
  private peer: RpcPeer | undefined;
  private scopes: ReadonlySet<string> = new Set();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: ConnectGatewayOptions,
    private readonly onEvent: (event: string, payload: unknown) => void,
  ) {}

  /** Connects the first time; throws the gateway's refusal or `CONNECT_FAILED`. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Whether the gateway granted `scope` (`operator.admin` holds them all). */
  hasScope(scope: string): boolean {
    return this.scopes.has(scope) || this.scopes.has('operator.admin');
  }

  request(method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    if (!this.peer) return Promise.reject(new OpenClawError('CONNECTION_CLOSED', 'the gateway connection is down and being opened again; retry in a few seconds'));
    return this.peer.request(method, params, { timeoutMs });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.peer?.close(1000);
  }

  private async connect(): Promise<void> {
    const { peer, hello } = await connectGateway({ ...this.options, peer: { onEvent: this.onEvent } });
    if (this.closed) return peer.close(1000);
    this.peer = peer;
    this.scopes = new Set(hello.auth.scopes);
    void peer.closed.then(() => {
      this.peer = undefined;
      this.retry(0);
    });
  }

  private retry(attempt: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.connect().then(
        () => this.onEvent('gateway.reconnected', {}),
        () => this.retry(Math.min(attempt + 1, BACKOFF_MS.length - 1)),
      );
    }, BACKOFF_MS[attempt]);
    this.timer.unref();
  }
}
