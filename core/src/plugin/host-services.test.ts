import { describe, expect, it } from 'vitest';
import { HostServices, NOTIFICATION_OVERLAY, type NotificationOverlay } from './host-services.js';

const overlay = (): NotificationOverlay => ({ show: async () => undefined });

describe('HostServices', () => {
  it('answers what a plugin offers until it withdraws it, and undefined without one', () => {
    const services = new HostServices();
    expect(services.get(NOTIFICATION_OVERLAY)).toBeUndefined();
    const offered = overlay();
    const withdraw = services.provide(NOTIFICATION_OVERLAY, offered);
    expect(services.get(NOTIFICATION_OVERLAY)).toBe(offered);
    withdraw();
    expect(services.get(NOTIFICATION_OVERLAY)).toBeUndefined();
  });

  it('lets a stale withdraw leave a newer offer in place', () => {
    const services = new HostServices();
    const withdrawOld = services.provide(NOTIFICATION_OVERLAY, overlay());
    const newer = overlay();
    services.provide(NOTIFICATION_OVERLAY, newer);
    withdrawOld();
    expect(services.get(NOTIFICATION_OVERLAY)).toBe(newer);
  });
});
