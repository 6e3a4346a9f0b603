import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';
import { gatewayUrl } from './gateway-address.js';
import { GatewayRotation } from './gateway-rotation.js';

const three = ['a', 'b', 'c'].map((host) => ({ host, port: 1, tls: false }));
const at = (r: GatewayRotation) => r.current.host;

describe('gateway rotation', () => {
  it('moves to the next address after a short jittered wait, and backs off only after a whole round failed', () => {
    const r = new GatewayRotation(three, new Backoff(500, 30_000, () => 0.5));
    expect(at(r)).toBe('a');
    expect(r.advance()).toEqual({ address: three[1], delayMs: 250, roundFailed: false });
    expect(r.advance()).toMatchObject({ address: three[2], delayMs: 250, roundFailed: false });
    // a, b and c failed: back at a after a backoff of 500 + 0.5 x (1000 - 500).
    expect(r.advance()).toMatchObject({ address: three[0], delayMs: 750, roundFailed: true });
    r.advance();
    r.advance();
    expect(r.advance()).toMatchObject({ delayMs: 1_250, roundFailed: true });
  });

  it('starts a new round after a connection that lasted; one that ended at once counts as a failure', () => {
    let now = 0;
    const r = new GatewayRotation(three, new Backoff(500, 30_000, () => 0), { stableMs: 10_000, now: () => now });
    for (let i = 0; i < 9; i++) r.advance();
    r.connected();
    now += 10_000;
    expect(r.advance()).toMatchObject({ address: three[1], delayMs: 0, roundFailed: false });
    // a's lasting connection ended; b and c accept and close at once: a whole round without
    // a lasting connection, so back at a only after a backoff.
    r.connected();
    expect(r.advance()).toMatchObject({ address: three[2], roundFailed: false });
    r.connected();
    expect(r.advance()).toMatchObject({ address: three[0], delayMs: 500, roundFailed: true });
  });

  it('leaves a gateway that had it for a random one of the others, and still tries every address before backing off', () => {
    let now = 0;
    const four = [...three, { host: 'd', port: 1, tls: false }];
    const landed = new Set<string>();
    for (const draw of [0, 0.4, 0.9]) {
      const r = new GatewayRotation(four, new Backoff(500, 30_000, () => draw), { stableMs: 10_000, now: () => now });
      r.connected();
      now += 10_000;
      const first = r.advance();
      landed.add(first.address.host);
      expect(first.roundFailed).toBe(false);
      // Every other address is tried (each failing at once) before the round counts as failed.
      const tried = new Set<string>();
      for (let step = first; !step.roundFailed; step = r.advance()) tried.add(step.address.host);
      for (const host of ['b', 'c', 'd']) expect(tried).toContain(host);
    }
    // The draws send the nodes of a dead gateway to different survivors.
    expect(landed).toEqual(new Set(['b', 'c', 'd']));
  });

  it('after a restart notice waits briefly with jitter instead of backing off further, until the window ends', () => {
    let now = 0;
    const draws = [0.99, 0.01];
    let i = 0;
    const r = new GatewayRotation([three[0]!], new Backoff(500, 30_000, () => draws[i++ % 2]!), { stableMs: 10_000, now: () => now });
    r.connected();
    now += 10_000;
    r.restarting();
    // Ten failed attempts while the gateway comes back: every wait stays between 0.5 and 2 s.
    const waits = Array.from({ length: 10 }, () => r.advance().delayMs);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2_000);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(500);
    // Jittered: not one instant for the whole fleet.
    expect(new Set(waits).size).toBeGreaterThan(1);
    // A gateway still away after the window is backed off from as usual (the backoff grows again).
    now += 60_000;
    const later = Array.from({ length: 6 }, () => r.advance().delayMs);
    expect(Math.max(...later)).toBeGreaterThan(2_000);
  });

  it('gives no short waits to a gateway that accepts and at once closes saying it restarts', () => {
    let now = 0;
    const r = new GatewayRotation([three[0]!], new Backoff(500, 30_000, () => 0.99), { stableMs: 10_000, now: () => now });
    const waits = Array.from({ length: 6 }, () => {
      r.connected();
      now += 100;
      r.restarting();
      return r.advance().delayMs;
    });
    expect(Math.max(...waits)).toBeGreaterThan(2_000);
  });

  it('does not count a dropped address toward the round', () => {
    const r = new GatewayRotation(three, new Backoff(500, 30_000, () => 0.5));
    r.advance(); // a failed
    r.drop(); // b refused the node
    expect(r.advance()).toMatchObject({ address: three[2], roundFailed: false });
    expect(r.advance()).toMatchObject({ address: three[0], roundFailed: true });
  });

  it('skips a dropped address and says when none is left', () => {
    const r = new GatewayRotation(three);
    r.advance();
    expect(r.drop()).toBe(true);
    expect(at(r.advance() && r)).toBe('c');
    expect(at(r.advance() && r)).toBe('a');
    expect(at(r.advance() && r)).toBe('c');
    expect(r.drop()).toBe(true);
    expect(at(r.advance() && r)).toBe('a');
    expect(at(r.advance() && r)).toBe('a');
    expect(r.drop()).toBe(false);
  });

  it('never waits less than the minimum between rounds, nor more than the maximum', () => {
    for (const random of [() => 0, () => 0.999999]) {
      const r = new GatewayRotation([three[0]!], new Backoff(500, 30_000, random));
      const delays = Array.from({ length: 40 }, () => r.advance().delayMs);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
      expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    }
    expect(gatewayUrl(three[0]!)).toBe('ws://a:1');
  });
});
