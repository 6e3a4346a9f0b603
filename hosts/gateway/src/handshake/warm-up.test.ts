import { describe, expect, it } from 'vitest';
import { warmConnectPath } from './warm-up.js';

describe('warmConnectPath', () => {
  it("runs every round through the connect's validation and device proof check, so it warms the path the fleet takes", () => {
    expect(warmConnectPath(5)).toBe(5);
  });
});
