import type { OverlayNotification } from '@openclaw-nodes/core/plugin';

/** How long a notification stays over the canvas, ms: longer for time-sensitive ones. */
const SHOW_MS = { passive: 5_000, active: 8_000, timeSensitive: 20_000 } as const;
/** Most notifications stacked at once; the oldest goes first. */
const MAX_SHOWN = 5;

/** The few DOM members the overlay uses (this package compiles without the DOM library). */
interface PageElement {
  id: string;
  textContent: string | null;
  readonly dataset: Record<string, string>;
  readonly children: { readonly length: number };
  readonly firstElementChild: PageElement | null;
  setAttribute(name: string, value: string): void;
  append(...nodes: PageElement[]): void;
  appendChild(node: PageElement): void;
  remove(): void;
}
interface PageDocument {
  readonly documentElement: PageElement;
  getElementById(id: string): PageElement | null;
  createElement(tag: string): PageElement;
}

/**
 * Runs in the canvas page (through `CanvasWindow.call`, with the notification as a JSON
 * argument): stacks a card in the top right corner of whatever page is shown. Title and body
 * are set as text, never as HTML, so a notification cannot add markup or script to the page.
 */
export function drawOverlay(n: OverlayNotification & { showMs: number; maxShown: number }): void {
  // Serialised into the page: everything it uses comes from the page or the argument.
  const document = (globalThis as unknown as { document: PageDocument }).document;
  const id = 'openclaw-notification-overlay';
  let stack = document.getElementById(id);
  if (stack === null) {
    stack = document.createElement('div');
    stack.id = id;
    stack.setAttribute('style', 'position:fixed;top:12px;right:12px;z-index:2147483647;display:flex;flex-direction:column;gap:8px;width:320px;font:14px sans-serif;pointer-events:none');
    document.documentElement.appendChild(stack);
  }
  const card = document.createElement('div');
  card.setAttribute('role', 'status');
  card.dataset.priority = n.priority;
  const accent = n.priority === 'timeSensitive' ? '#d93025' : n.priority === 'passive' ? '#9aa0a6' : '#1a73e8';
  card.setAttribute('style', `background:#fff;color:#202124;border-left:4px solid ${accent};border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3);padding:10px 12px;overflow-wrap:anywhere`);
  const title = document.createElement('strong');
  title.textContent = n.title;
  const body = document.createElement('div');
  body.textContent = n.body;
  card.append(title, body);
  stack.append(card);
  while (stack.children.length > n.maxShown) stack.firstElementChild?.remove();
  setTimeout(() => card.remove(), n.showMs);
}

/** The argument `drawOverlay` gets for one notification. */
export function overlayArgument(n: OverlayNotification) {
  return { title: n.title, body: n.body, priority: n.priority, showMs: SHOW_MS[n.priority], maxShown: MAX_SHOWN };
}
