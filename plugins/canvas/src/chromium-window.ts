import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHostOnlyEnvKey } from '@openclaw-nodes/core/exec';
import type { HostEnvironment } from '@openclaw-nodes/core/plugin';
import { timerDelay } from '@openclaw-nodes/core/protocol';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Placement } from './commands.js';
import type { CanvasWindow, CanvasWindowLauncher, WindowBounds } from './canvas-window.js';
import { canvasError } from './errors.js';
import { stringifyRemoteObject, type RemoteObject } from './remote-object.js';

/**
 * Flags checked on this project's machines: without the background-networking ones Chromium
 * keeps dialling Google hosts that a closed network refuses. The renderer flags keep a hidden
 * (parked) canvas painting, so eval and snapshots never stall on a window nobody sees.
 */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--force-device-scale-factor=1',
];

/** DevTools `Browser.Bounds`: a window state cannot be combined with a position or size. */
type Bounds = { left?: number; top?: number; width?: number; height?: number; windowState?: 'normal' | 'minimized' | 'maximized' | 'fullscreen' };

/** What Chromium's log says when its display cannot be opened (X11 or Wayland). */
const NO_DISPLAY = /Missing X server|cannot open display|Failed to connect to Wayland|platform failed to initialize/i;

/**
 * The host's environment minus its own settings and credentials (`OPENCLAW_*` and the
 * variables its config refers to with `${VAR}`): the gateway token has no business in a browser.
 */
export function browserEnv(env: HostEnvironment['env']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !isHostOnlyEnvKey(key)));
}

/** How playwright-core reports a call into a browser, context or page that has closed. */
const BROWSER_GONE = /has been closed|Target closed|Browser closed/i;

/** Far outside any screen: where a hidden canvas waits when the window manager cannot minimise it. */
const PARKED: Bounds = { left: -32_000, top: -32_000 };

/**
 * Starts Chromium through playwright-core with a fresh profile: an `--app` window on the
 * host's display, or headless when the host has none.
 *
 * @example
 * const launcher = new ChromiumLauncher(hostEnv, '/usr/bin/chromium', 30_000);
 * const window = await launcher.open('about:blank', { x: 0, y: 0, width: 1280, height: 720 });
 */
export class ChromiumLauncher implements CanvasWindowLauncher {
  #swept = false;

  /**
   * `profileRoot` is where fresh profiles go (the node's state dir): profiles left there by a
   * host that was killed are removed before the first launch. Without it, the temp dir.
   */
  constructor(
    private readonly hostEnv: HostEnvironment,
    readonly executablePath: string | undefined,
    private readonly timeoutMs: number,
    private readonly profileRoot?: string,
  ) {}

  async open(startUrl: string, bounds: WindowBounds): Promise<CanvasWindow> {
    if (this.executablePath === undefined) throw canvasError('CANVAS_UNAVAILABLE', 'no Chromium found; install chromium or set plugins.options.canvas.executablePath');
    const headed = this.hostEnv.display !== undefined;
    const profile = await this.#freshProfile();
    const args = [...CHROMIUM_FLAGS];
    if (headed) args.push(`--app=${startUrl}`, '--test-type', `--window-position=${bounds.x},${bounds.y}`, `--window-size=${bounds.width},${bounds.height}`);
    if (this.hostEnv.display?.kind === 'wayland') args.push('--ozone-platform=wayland');
    let context: BrowserContext;
    try {
      // Loaded here, not at import: a host without a display never pays for playwright-core.
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(profile, {
        executablePath: this.executablePath,
        headless: !headed,
        args,
        viewport: headed ? null : { width: bounds.width, height: bounds.height },
        env: browserEnv(this.hostEnv.env),
        timeout: this.timeoutMs,
        // The plugin's stop() closes the browser; Chromium also exits by itself when our end of its pipe closes.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (err) {
      await rm(profile, { recursive: true, force: true });
      const text = err instanceof Error ? err.message : String(err);
      if (headed && NO_DISPLAY.test(text)) {
        // A display that cannot be reached is no display: the node is in the background (COMMANDS.md 1.4).
        throw canvasError('NODE_BACKGROUND_UNAVAILABLE', `canvas window could not be shown on display ${this.hostEnv.display?.name}`, { cause: err });
      }
      throw canvasError('CANVAS_UNAVAILABLE', `Chromium (${this.executablePath}) did not start: ${text.split('\n')[0]}`, { cause: err });
    }
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await (headed ? page.waitForLoadState('load', { timeout: this.timeoutMs }) : page.goto(startUrl, { timeout: this.timeoutMs }));
      return new ChromiumWindow(context, page, await context.newCDPSession(page), profile, headed);
    } catch (err) {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
      throw canvasError('CANVAS_UNAVAILABLE', `the canvas page did not open: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
  }

  async #freshProfile(): Promise<string> {
    if (this.profileRoot === undefined) return mkdtemp(join(tmpdir(), 'openclaw-canvas-'));
    await mkdir(this.profileRoot, { recursive: true, mode: 0o700 });
    if (!this.#swept) {
      this.#swept = true;
      const stale = (await readdir(this.profileRoot)).filter((name) => name.startsWith('profile-'));
      await Promise.all(stale.map((name) => rm(join(this.profileRoot!, name), { recursive: true, force: true }).catch(() => undefined)));
    }
    return mkdtemp(join(this.profileRoot, 'profile-'));
  }
}

class ChromiumWindow implements CanvasWindow {
  open = true;
  hidden = false;
  #shownBounds: Bounds | undefined;
  #profileRemoved: Promise<void> | undefined;

  constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly profile: string,
    private readonly headed: boolean,
  ) {
    // The user closed the window, the browser crashed or the display went away: the next command opens a new one.
    context.once('close', () => {
      this.open = false;
      void this.#removeProfile();
    });
    // Closing the window may leave a browser without windows running: end it too.
    page.once('close', () => void this.close());
  }

  url(): string {
    return this.page.url();
  }

  async goto(url: string, timeoutMs: number): Promise<void> {
    try {
      await this.page.goto(url, { waitUntil: 'load', timeout: timeoutMs }).catch(async (err: unknown) => {
        // Our navigation went on behind a late commit (Chromium's error page of an earlier failed load): wait for it.
        if (!(err instanceof Error) || !err.message.includes('is interrupted by another navigation')) throw err;
        const target = new URL(url).href;
        await this.page.waitForURL((current) => current.href === target, { waitUntil: 'load', timeout: timeoutMs });
      });
    } catch (err) {
      if (this.#gone(err)) throw err;
      // Let the error page commit now rather than in the middle of the next command.
      await this.page.waitForURL((current) => current.protocol === 'chrome-error:', { timeout: 1_000 }).catch(() => undefined);
      const why = err instanceof Error ? err.message.split('\n')[0].replace(/^page\.goto: /, '') : String(err);
      throw canvasError('CANVAS_NAVIGATION_FAILED', `${url} did not load: ${why}`, { cause: err });
    }
  }

  async evaluate(script: string, timeoutMs: number): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(canvasError('CANVAS_EVAL_FAILED', `script did not finish within ${timeoutMs} ms`)), timerDelay(timeoutMs));
    });
    try {
      // `timeout` stops a busy loop inside V8; the timer covers an await that never settles.
      const run = this.#watch(this.cdp.send('Runtime.evaluate', { expression: script, awaitPromise: true, replMode: true, userGesture: true, timeout: timeoutMs, objectGroup: 'canvas-eval' }));
      const reply = (await Promise.race([run, late]).catch((err: unknown) => {
        if (err instanceof Error && /Internal error|Execution was terminated/.test(err.message)) {
          throw canvasError('CANVAS_EVAL_FAILED', `script did not finish within ${timeoutMs} ms`, { cause: err });
        }
        throw err;
      })) as { result: RemoteObject; exceptionDetails?: { text: string; exception?: RemoteObject } };
      if (reply.exceptionDetails !== undefined) {
        const { exception, text } = reply.exceptionDetails;
        throw canvasError('CANVAS_EVAL_FAILED', (exception?.description ?? text).split('\n')[0]);
      }
      return await this.#watch(stringifyRemoteObject(this.cdp, reply.result));
    } finally {
      clearTimeout(timer);
      await this.cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'canvas-eval' }).catch(() => undefined);
    }
  }

  call<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // Playwright's types unwrap handles in `arg`; canvas calls only pass JSON.
    return this.#watch(this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg));
  }

  async screenshot(): Promise<Buffer> {
    try {
      const { data } = await this.cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
      return Buffer.from(data, 'base64');
    } catch (err) {
      if (this.#gone(err)) throw err;
      throw canvasError('CANVAS_SNAPSHOT_FAILED', `the canvas could not be captured: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
  }

  async place(placement: Placement): Promise<void> {
    if (!this.headed) {
      const size = this.page.viewportSize() ?? { width: 1_280, height: 720 };
      await this.page.setViewportSize({ width: placement.width ?? size.width, height: placement.height ?? size.height });
      return;
    }
    const bounds: Bounds = {};
    if (placement.x !== undefined) bounds.left = Math.round(placement.x);
    if (placement.y !== undefined) bounds.top = Math.round(placement.y);
    if (placement.width !== undefined) bounds.width = Math.round(placement.width);
    if (placement.height !== undefined) bounds.height = Math.round(placement.height);
    if (this.hidden) this.#shownBounds = { ...this.#shownBounds, ...bounds };
    else await this.#setBounds(bounds);
  }

  async show(): Promise<void> {
    if (!this.hidden) return;
    await this.#setBounds({ windowState: 'normal' });
    if (this.#shownBounds !== undefined) await this.#setBounds(this.#shownBounds);
    this.hidden = false;
  }

  async hide(): Promise<void> {
    if (this.hidden || !this.headed) {
      this.hidden = true;
      return;
    }
    const { windowId } = await this.cdp.send('Browser.getWindowForTarget');
    const { bounds } = await this.cdp.send('Browser.getWindowBounds', { windowId });
    this.#shownBounds = { left: bounds.left ?? 0, top: bounds.top ?? 0, width: bounds.width ?? 0, height: bounds.height ?? 0 };
    await this.cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } });
    const after = await this.cdp.send('Browser.getWindowBounds', { windowId });
    // Without a window manager (a bare Xvfb) nothing minimises: park the window off screen instead.
    if (after.bounds.windowState !== 'minimized') await this.cdp.send('Browser.setWindowBounds', { windowId, bounds: PARKED });
    this.hidden = true;
  }

  async close(): Promise<void> {
    this.open = false;
    await this.context.close().catch(() => undefined);
    await this.#removeProfile();
  }

  /** Once, after the browser let go of it; Chromium may still be flushing files when its window closes. */
  #removeProfile(): Promise<void> {
    this.#profileRemoved ??= rm(this.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
    return this.#profileRemoved;
  }

  async #setBounds(bounds: Bounds): Promise<void> {
    const { windowId } = await this.#watch(this.cdp.send('Browser.getWindowForTarget'));
    await this.#watch(this.cdp.send('Browser.setWindowBounds', { windowId, bounds }));
  }

  /**
   * Whether `err` says the browser is gone. Playwright's own close event can arrive after
   * the failed call, so the window marks itself closed here and the caller can start over.
   */
  #gone(err: unknown): boolean {
    if (err instanceof Error && BROWSER_GONE.test(err.message)) this.open = false;
    return !this.open;
  }

  #watch<T>(promise: Promise<T>): Promise<T> {
    return promise.catch((err: unknown) => {
      this.#gone(err);
      throw err;
    });
  }
}
