import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayPort } from './gateway-port.js';
import { createNodesMcpServer } from './nodes-mcp-server.js';

/** Bounds of the Streamable HTTP endpoint. */
export interface McpHttpLimits {
  /** Sessions held at once on the gateway; another `initialize` is refused. */
  readonly maxSessions: number;
  /**
   * Sessions one caller (`token`, `device:<id>`) holds at once: its next `initialize` closes its
   * own oldest idle session (clients that never DELETE theirs), or is refused when all are busy.
   */
  readonly maxSessionsPerCaller: number;
  /** A session with no request and no call running for this long is closed, ms. */
  readonly idleMs: number;
  /** Tool calls one session may run at once. */
  readonly maxConcurrentCalls: number;
  /** Largest POST body, bytes. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_MCP_HTTP_LIMITS: McpHttpLimits = { maxSessions: 32, maxSessionsPerCaller: 8, idleMs: 5 * 60_000, maxConcurrentCalls: 4, maxBodyBytes: 5 * 1024 * 1024 };

interface Session {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly owner: string;
  readonly close: () => void;
  readonly busy: () => boolean;
  lastSeenMs: number;
}

/**
 * The Streamable HTTP sessions of one gateway: each `initialize` makes a session (its own
 * server and port, bound to the caller that opened it), later requests name it by
 * `Mcp-Session-Id`. A session answers only the caller that opened it; idle ones are closed.
 * Refusals throw `OpenClawError` (`MCP_SESSION_NOT_FOUND`, `MCP_LIMIT_REACHED`).
 *
 * @example
 * const sessions = new McpHttpSessions('0.1.0', DEFAULT_MCP_HTTP_LIMITS);
 * return sessions.handle(c.req.raw, 'token', () => portFor(caller));
 */
export class McpHttpSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly version: string,
    private readonly limits: McpHttpLimits,
    /** Told the number of open sessions whenever it changes (a metrics gauge). */
    private readonly onCount: (open: number) => void = () => {},
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(1_000, Math.min(limits.idleMs / 4, 60_000)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Serves one request of `owner` (who is calling: `token`, `device:<id>`); `port` makes its gateway port for a new session. */
  async handle(request: Request, owner: string, port: () => GatewayPort): Promise<Response> {
    const id = request.headers.get('mcp-session-id');
    if (id !== null) {
      const session = this.sessions.get(id);
      // Another caller's session id is answered as unknown: it must not learn that it exists.
      if (!session || session.owner !== owner) throw new OpenClawError('MCP_SESSION_NOT_FOUND', 'no such MCP session: it expired, was closed or belongs to another caller; initialize a new one', { details: { sessionId: id.slice(0, 64) } });
      session.lastSeenMs = Date.now();
      return session.transport.handleRequest(request);
    }
    if (request.method !== 'POST') throw new OpenClawError('MCP_SESSION_NOT_FOUND', 'send Mcp-Session-Id, or POST initialize to open a session');
    this.makeRoom(owner);
    return this.open(request, owner, port());
  }

  /** Closes every session (gateway stopping). */
  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }

  private async open(request: Request, owner: string, port: GatewayPort): Promise<Response> {
    const { server, close, busy } = createNodesMcpServer(port, { version: this.version, maxConcurrentCalls: this.limits.maxConcurrentCalls });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.limits.maxBodyBytes,
      onsessioninitialized: (sid) => {
        this.sessions.set(sid, { transport, owner, close, busy, lastSeenMs: Date.now() });
        this.onCount(this.sessions.size);
      },
      onsessionclosed: (sid) => this.drop(sid),
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    // Not an initialize (or a refused one): nothing to keep.
    if (transport.sessionId === undefined || !this.sessions.has(transport.sessionId)) {
      close();
      await server.close();
    }
    return response;
  }

  /**
   * Room for one more session of `owner`: past its own quota, or with the gateway full, its
   * oldest idle session is closed; with none idle, `MCP_LIMIT_REACHED` says when one may expire.
   */
  private makeRoom(owner: string): void {
    const own = [...this.sessions].filter(([, s]) => s.owner === owner);
    const { maxSessions, maxSessionsPerCaller, idleMs } = this.limits;
    if (own.length < maxSessionsPerCaller && this.sessions.size < maxSessions) return;
    const idle = own.filter(([, s]) => !s.busy()).sort(([, a], [, b]) => a.lastSeenMs - b.lastSeenMs)[0];
    if (idle) return this.drop(idle[0]);
    const full = own.length >= maxSessionsPerCaller;
    const oldest = Math.min(...[...(full ? own : this.sessions)].map(([, s]) => s.lastSeenMs));
    const retryAfterMs = Math.max(1_000, oldest + idleMs - Date.now());
    const what = full ? `you already hold ${maxSessionsPerCaller} MCP sessions, all running calls` : `the gateway already holds ${maxSessions} MCP sessions`;
    throw new OpenClawError('MCP_LIMIT_REACHED', `${what}; close one (DELETE /mcp) or retry after idle ones expire`, {
      retryable: true,
      retryAfterMs,
      details: full ? { maxSessionsPerCaller } : { maxSessions },
    });
  }

  private drop(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.onCount(this.sessions.size);
    session.close();
    void session.transport.close().catch(() => {});
  }

  private sweep(): void {
    const cutoff = Date.now() - this.limits.idleMs;
    for (const [id, session] of this.sessions) {
      // A call waiting for an operator or a long command is not idleness.
      if (session.busy()) session.lastSeenMs = Date.now();
      else if (session.lastSeenMs < cutoff) this.drop(id);
    }
  }
}
