import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { generateDeviceIdentity, signConnectDevice, type DeviceIdentity } from '@openclaw-nodes/core/identity';
import { localProofFor } from './local-proof.js';

/**
 * A deliberately low-level gateway client for tests: it speaks the wire protocol frame by
 * frame so a test can send exactly the malformed or forged thing it means to.
 */
export class RawClient {
  readonly frames: any[] = [];
  closeCode: number | undefined;
  closeReason = '';
  private waiters: Array<{ match: (f: any) => boolean; resolve: (f: any) => void }> = [];
  readonly closed: Promise<void>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let frame: any;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true));
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = String(reason);
        resolve();
      }),
    );
  }

  /**
   * Opens a socket to `url`. Like an honest client on the gateway's machine, it sends the local
   * proof of a gateway this test process started (`trustLocalProofOf`) when `url` dials it
   * directly, unless `localProof` is false (a client elsewhere, or one that forges the rest).
   */
  static async open(url: string, headers?: Record<string, string>, options: { localProof?: boolean } = {}): Promise<RawClient> {
    const proof = options.localProof === false ? {} : await localProofFor(url);
    const ws = new WebSocket(url, { headers: { ...proof, ...headers } });
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Resolves with the first frame (already received or future) that matches. */
  next(match: (f: any) => boolean, timeoutMs = 5_000): Promise<any> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  challenge(): Promise<{ nonce: string; ts: number }> {
    return this.next((f) => f.event === 'connect.challenge').then((f) => f.payload);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  request(method: string, params?: unknown): Promise<any> {
    const id = `${this.frames.length}:${randomUUID()}`;
    this.send({ type: 'req', id, method, params });
    return this.next((f) => f.type === 'res' && f.id === id);
  }

  close(): void {
    this.ws.close();
  }
}

export interface NodeConnectOptions {
  token?: string;
  deviceToken?: string;
  identity?: DeviceIdentity;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  commands?: string[];
  caps?: string[];
  /** Operator scopes a node has no use for; the real node host sends none. */
  scopes?: string[];
  /** Tamper with the signed connect before it is sent. */
  mutate?: (params: any) => void;
  signedAt?: number;
  nonce?: string;
}

/** Builds a signed node `connect` request for a challenge, as the real node host does. */
export function nodeConnect(challenge: { nonce: string; ts: number }, o: NodeConnectOptions = {}): any {
  const identity = o.identity ?? generateDeviceIdentity();
  const client = {
    id: 'node-host',
    displayName: o.displayName ?? 'Test Node',
    version: '0.1.0',
    platform: o.platform ?? 'linux',
    deviceFamily: o.deviceFamily ?? 'Linux',
    mode: 'node',
    instanceId: randomUUID(),
  };
  const auth = o.deviceToken ? { deviceToken: o.deviceToken } : o.token !== undefined ? { token: o.token } : undefined;
  const device = signConnectDevice(identity, {
    clientId: client.id,
    clientMode: client.mode,
    role: 'node',
    scopes: o.scopes ?? [],
    token: o.token ?? o.deviceToken ?? null,
    nonce: o.nonce ?? challenge.nonce,
    signedAt: o.signedAt ?? challenge.ts,
    platform: client.platform,
    deviceFamily: client.deviceFamily,
  });
  const params: any = {
    minProtocol: 4,
    maxProtocol: 4,
    client,
    caps: o.caps ?? ['system'],
    commands: o.commands ?? ['system.which'],
    role: 'node',
    scopes: o.scopes ?? [],
    device,
  };
  if (auth) params.auth = auth;
  o.mutate?.(params);
  return { type: 'req', id: `1:${randomUUID()}`, method: 'connect', params };
}

/** An operator `connect` with the shared token and no device, as the CLI sends on loopback. */
export function operatorConnect(token: string | undefined, scopes: string[]): any {
  return {
    type: 'req',
    id: `1:${randomUUID()}`,
    method: 'connect',
    params: {
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: 'cli', version: '0.1.0', platform: 'linux', deviceFamily: 'Linux', mode: 'cli', instanceId: randomUUID() },
      caps: [],
      ...(token === undefined ? {} : { auth: { token } }),
      role: 'operator',
      scopes,
    },
  };
}

export interface OperatorDeviceOptions {
  identity: DeviceIdentity;
  scopes: string[];
  /** The shared gateway token. */
  token?: string;
  /** The device token `hello-ok` issued this device for `role:"operator"`. */
  deviceToken?: string;
}

/** A signed operator `connect` with a device identity, as a remote CLI or app sends it. */
export function operatorDeviceConnect(challenge: { nonce: string; ts: number }, o: OperatorDeviceOptions): any {
  const client = { id: 'cli', version: '0.1.0', platform: 'linux', deviceFamily: 'Linux', mode: 'cli', instanceId: randomUUID() };
  const secret = o.token ?? o.deviceToken ?? null;
  const device = signConnectDevice(o.identity, {
    clientId: client.id,
    clientMode: client.mode,
    role: 'operator',
    scopes: o.scopes,
    token: secret,
    nonce: challenge.nonce,
    signedAt: challenge.ts,
    platform: client.platform,
    deviceFamily: client.deviceFamily,
  });
  const auth = o.token !== undefined ? { token: o.token } : o.deviceToken !== undefined ? { deviceToken: o.deviceToken } : undefined;
  return {
    type: 'req',
    id: `1:${randomUUID()}`,
    method: 'connect',
    params: { minProtocol: 4, maxProtocol: 4, client, caps: [], ...(auth ? { auth } : {}), role: 'operator', scopes: o.scopes, device },
  };
}
