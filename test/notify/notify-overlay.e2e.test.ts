import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator, requireChromium, startDesktopNode } from '../canvas/desktop-node.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import type { RawClient } from '../support/raw-client.js';
import { startNotificationDesktop } from './session-bus.js';

// A desktop node host (canvas and notify, its defaults) on an Xvfb display with dunst on a
// private session bus: `overlay` draws in the canvas window, `auto` falls back to it.
let desktop: Awaited<ReturnType<typeof startNotificationDesktop>>;
let gw: Awaited<ReturnType<typeof startTestGateway>>;
let op: RawClient;
let desk: Awaited<ReturnType<typeof startDesktopNode>>;

/** The cards stacked over the canvas page: their text, and whether any carries an element other than text. */
const OVERLAY = `JSON.stringify([...document.querySelectorAll('#openclaw-notification-overlay [role=status]')].map((c) => ({ text: c.innerText, priority: c.dataset.priority, elements: c.querySelectorAll('*').length })))`;
async function overlayCards(): Promise<Array<{ text: string; priority: string; elements: number }>> {
  const res = await desk.invoke('canvas.eval', { javaScript: OVERLAY });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return JSON.parse(res.payload.payload.result);
}

beforeAll(async () => {
  requireChromium();
  desktop = await startNotificationDesktop();
  await desktop.startDunst();
  gw = await startTestGateway();
  op = await operator(gw.url);
  desk = await startDesktopNode(gw.url, op, { ...process.env, DISPLAY: desktop.display, WAYLAND_DISPLAY: undefined, DBUS_SESSION_BUS_ADDRESS: desktop.address });
}, 90_000);

afterAll(async () => {
  await desk?.stop();
  op?.close();
  await gw?.stop();
  await desktop?.stop();
});

describe('system.notify on a desktop node with a canvas', () => {
  it('draws an overlay notification in the canvas window, as text, and not through the notification service', async () => {
    const shownBefore = (await desktop.history()).length;
    const res = await desk.invoke('system.notify', { title: 'Deploy', body: 'done <img src=x onerror="document.title=1">', priority: 'timeSensitive', delivery: 'overlay' });
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    expect(await overlayCards()).toEqual([{ text: 'Deploy\ndone <img src=x onerror="document.title=1">', priority: 'timeSensitive', elements: 2 }]);
    expect((await desktop.history()).length).toBe(shownBefore);
  });

  it('auto uses the notification service while it answers, and the canvas overlay once it is gone', async () => {
    const cardsBefore = (await overlayCards()).length;
    expect((await desk.invoke('system.notify', { title: 'auto one', delivery: 'auto' })).ok).toBe(true);
    expect((await desktop.history())[0].summary).toBe('auto one');
    expect((await overlayCards()).length).toBe(cardsBefore);
    await desktop.stopDunst();
    try {
      expect((await desk.invoke('system.notify', { title: 'auto two', body: 'no daemon', delivery: 'auto' })).ok).toBe(true);
      expect((await overlayCards()).at(-1)).toMatchObject({ text: 'auto two\nno daemon', priority: 'active' });
    } finally {
      await desktop.startDunst();
    }
  });
});
