import { Backoff } from './backoff.js';
import type { GatewayAddress } from './gateway-address.js';

/** What `GatewayRotation.advance` decided: the address to try and how long to wait first. */
export interface RotationStep {
  address: GatewayAddress;
  delayMs: number;
  /** True when every usable address failed since the last connect (the wait is a backoff). */
  roundFailed: boolean;
}

/**
 * The order in which a node tries its gateways. After a failure or a dropped connection it
 * moves to the next usable address (after a connection that lasted, a random other one) after
 * a short random wait (0 .. `backoff.minMs`, so nodes
 * leaving a dead gateway together do not arrive at the next one together); once a whole
 * round since the last connect failed, the wait is the backoff's (exponential, full jitter).
 * An address `drop`ped (a fatal answer) is skipped for the life of the rotation. A connection
 * counts as a success only once it lasted `stableMs`: a gateway that accepts and at once
 * closes (broken or hostile) is backed off from like one that refuses.
 *
 * A gateway that had the node for `stableMs` and closed saying it restarts (close code 1012) is
 * coming back in a moment: for `restartWindowMs` after that, a failed round waits `backoff.short(restartMaxMs)`
 * (flat, jittered, 0.5-2 s by default) instead of the growing backoff, which would otherwise
 * have a fleet wait up to 16 s for a gateway that was back after 3.
 *
 * @example
 * const rotation = new GatewayRotation(addresses);
 * // connect to rotation.current; on success rotation.connected(); on failure:
 * const { address, delayMs } = rotation.advance();
 */
export class GatewayRotation {
  private index = 0;
  private failures = 0;
  private readonly dropped = new Set<number>();
  /** When the open connection was made (`now()` ms), until the next `advance`. */
  private connectedAt: number | undefined;
  /** Until when (`now()` ms) failed rounds wait the short restart delay. */
  private restartUntil: number | undefined;
  /** `restarting()` was called for the connection that is ending. */
  private restartNotice = false;

  /**
   * @param options.stableMs how long a connection must last to count as a success (default 10 s)
   * @param options.restartWindowMs how long after a restart notice waits stay short (default 60 s)
   * @param options.restartMaxMs the longest wait within that window (default 2 s)
   * @param options.now the clock in ms (tests pass their own)
   * @throws RangeError for an empty list.
   */
  constructor(
    readonly addresses: readonly GatewayAddress[],
    readonly backoff: Backoff = new Backoff(),
    private readonly options: { stableMs?: number; restartWindowMs?: number; restartMaxMs?: number; now?: () => number } = {},
  ) {
    if (addresses.length === 0) throw new RangeError('a node needs at least one gateway address');
  }

  /** The address to connect to now. */
  get current(): GatewayAddress {
    return this.addresses[this.index]!;
  }

  /** Addresses not dropped. */
  get usable(): number {
    return this.addresses.length - this.dropped.size;
  }

  /** The current address accepted the node: if it stays up `stableMs`, its end starts a new round. */
  connected(): void {
    this.connectedAt = this.now();
    this.restartUntil = undefined;
  }

  /**
   * The gateway said it restarts (it closed with 1012): if it had us for `stableMs`, the next
   * `advance` opens the window of short waits. A gateway that accepts and at once closes with
   * 1012 gets no such window: it is backed off from like any other that fails at once.
   */
  restarting(): void {
    this.restartNotice = true;
  }

  /** The current address failed (or its connection ended): the next usable one and the wait before it. */
  advance(): RotationStep {
    const lasted = this.connectedAt !== undefined && this.now() - this.connectedAt >= (this.options.stableMs ?? 10_000);
    if (lasted) {
      this.failures = 0;
      this.backoff.reset();
      if (this.restartNotice) this.restartUntil = this.now() + (this.options.restartWindowMs ?? 60_000);
    }
    this.restartNotice = false;
    this.connectedAt = undefined;
    this.failures++;
    // Leaving a gateway that had us (it died or restarted): a random one of the others rather
    // than the next, so the nodes of a dead cluster member spread over the survivors instead of
    // all landing on one. The addresses jumped over are still owed their try in this round.
    const skip = lasted && this.usable > 2 ? Math.floor(this.backoff.random() * (this.usable - 1)) : 0;
    this.failures -= skip;
    for (let i = 0; i <= skip; i++) this.moveOn();
    const roundFailed = this.failures >= this.usable;
    if (roundFailed) this.failures = 0;
    const delayMs = roundFailed ? this.roundDelay() : Math.round(this.backoff.random() * this.backoff.minMs);
    return { address: this.current, delayMs, roundFailed };
  }

  /**
   * Never tries the current address again; `advance()` then leaves it.
   * @returns false when no usable address is left.
   */
  drop(): boolean {
    this.dropped.add(this.index);
    // Its failure does not count toward the round: the round is over the addresses left.
    this.failures--;
    return this.usable > 0;
  }

  /** The wait after a whole round failed: short while a restarting gateway comes back, else the backoff. */
  private roundDelay(): number {
    if (this.restartUntil !== undefined && this.now() < this.restartUntil) return this.backoff.short(this.options.restartMaxMs ?? 2_000);
    return this.backoff.next();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private moveOn(): void {
    for (let i = 1; i <= this.addresses.length; i++) {
      const next = (this.index + i) % this.addresses.length;
      if (!this.dropped.has(next)) {
        this.index = next;
        return;
      }
    }
  }
}
