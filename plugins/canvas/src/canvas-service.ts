import { setTimeout as sleep } from 'node:timers/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { inject, injectable } from '@openclaw-nodes/core/di';
import { deliverMediaBytes, HOST_ENV, NOTIFICATION_OVERLAY, PLUGIN_OPTIONS, type HostEnvironment, type HostServices, type InvokeContext, type OverlayNotification } from '@openclaw-nodes/core/plugin';
import type { A2uiMessage } from './a2ui-messages.js';
import { a2uiPageUrl, scaffoldPageUrl } from './assets.js';
import { drawOverlay, overlayArgument } from './canvas-overlay.js';
import { resolveCanvasTarget } from './canvas-target.js';
import { CANVAS_WINDOW_LAUNCHER, type CanvasWindow, type CanvasWindowLauncher } from './canvas-window.js';
import type { A2uiResult, Placement, SnapshotParams, SnapshotResult } from './commands.js';
import { canvasCodedError, canvasError } from './errors.js';
import type { CanvasOptions } from './options.js';
import { encodeSnapshot } from './snapshot-encoder.js';

/** What the renderer page exposes (COMMANDS.md 3.6). */
interface A2uiHostApi {
  applyMessages(messages: unknown[]): A2uiResult;
  reset(): A2uiResult;
  getSurfaces(): string[];
}
type WithHost = { openclawA2UI?: A2uiHostApi };

/** Default when the gateway sent no invoke timeout: its own default wait (COMMANDS.md 1.1). */
const DEFAULT_EVAL_TIMEOUT_MS = 30_000;

/**
 * The node-side work of the `canvas` capability: one Chromium window per node host, opened
 * when the plugin starts on a display (and again whenever it was closed), driven one command
 * at a time. `eval`, `snapshot` and A2UI pushes show a hidden window first, as the macOS
 * canvas panel does.
 */
@injectable()
export class CanvasService {
  #window: CanvasWindow | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #launchError: OpenClawError | undefined;
  #stopped = false;
  #withdrawOverlay: (() => void) | undefined;

  constructor(
    @inject(HOST_ENV) private readonly hostEnv: HostEnvironment,
    @inject(PLUGIN_OPTIONS) private readonly options: CanvasOptions,
    @inject(CANVAS_WINDOW_LAUNCHER) private readonly launcher: CanvasWindowLauncher,
  ) {}

  /** Opens the window on the default page when there is a display; a failure is kept for `permissions()` and retried on use. */
  async start(): Promise<void> {
    if (this.hostEnv.display === undefined) return;
    await this.#serial(() => this.#ensureWindow()).catch((err: unknown) => {
      this.#launchError = launchError(err);
    });
  }

  /** Offers the other plugins of this host a notification overlay on the canvas, when there is a display to draw on. */
  offerOverlay(services: HostServices): void {
    if (this.hostEnv.display === undefined) return;
    this.#withdrawOverlay = services.provide(NOTIFICATION_OVERLAY, { show: (n) => this.overlay(n) });
  }

  async stop(): Promise<void> {
    this.#withdrawOverlay?.();
    this.#stopped = true;
    // Closing first makes a command still running fail fast instead of holding up the stop.
    const window = this.#window;
    this.#window = undefined;
    await window?.close();
    await this.#queue.catch(() => undefined);
  }

  /** `canvas`: a display and a browser that opened on it (or has not been tried yet). */
  permissions(): Record<string, boolean> {
    return { canvas: this.hostEnv.display !== undefined && this.launcher.executablePath !== undefined && this.#launchError === undefined };
  }

  /** The browser this node drives, or undefined when the machine has none (the plugin is then unavailable). */
  get executablePath(): string | undefined {
    return this.launcher.executablePath;
  }

  /** Why the last window could not be opened, if it could not. */
  get launchError(): OpenClawError | undefined {
    return this.#launchError;
  }

  present(target: string | undefined, placement: Placement | undefined): Promise<void> {
    const url = target === undefined ? undefined : resolveCanvasTarget(target);
    return this.#serial(async () => {
      const window = await this.#ensureWindow();
      if (url !== undefined) await window.goto(url, this.options.navigationTimeoutMs);
      if (placement !== undefined) await window.place(placement);
      await window.show();
    });
  }

  hide(): Promise<void> {
    return this.#serial(async () => {
      if (this.#window?.open) await this.#window.hide();
    });
  }

  navigate(target: string): Promise<void> {
    const url = resolveCanvasTarget(target);
    return this.#serial(async () => (await this.#ensureWindow()).goto(url, this.options.navigationTimeoutMs));
  }

  eval(script: string, timeoutMs = DEFAULT_EVAL_TIMEOUT_MS): Promise<string> {
    return this.#serial(async () => (await this.#shown()).evaluate(script, timeoutMs));
  }

  /** The window as PNG or JPEG, handed to the host's media delivery: inline when small, else out of band. */
  async snapshot(params: SnapshotParams, ctx: Pick<InvokeContext, 'deliverMedia'>): Promise<SnapshotResult> {
    const png = await this.#serial(async () => (await this.#shown()).screenshot());
    // Encoding runs outside the queue: the next command need not wait for sharp.
    const { format, bytes, width, height } = await encodeSnapshot(png, params);
    return { format, ...(await deliverMediaBytes(ctx, bytes, `image/${format}`)), width, height };
  }

  /** Shows the window and stacks a notification over its page (`system.notify` with delivery overlay). */
  overlay(notification: OverlayNotification): Promise<void> {
    return this.#serial(async () => (await this.#shown()).call(drawOverlay, overlayArgument(notification)));
  }

  a2uiPush(messages: readonly A2uiMessage[]): Promise<A2uiResult> {
    return this.#withRenderer((window) =>
      window.call((batch) => {
        const host = (globalThis as WithHost).openclawA2UI;
        if (host === undefined) return { ok: false, error: 'missing openclawA2UI' };
        try {
          return host.applyMessages(batch);
        } catch (err) {
          return { ok: false, error: String(err instanceof Error ? err.message : err) };
        }
      }, messages as unknown[]),
    );
  }

  a2uiReset(): Promise<A2uiResult> {
    return this.#withRenderer((window) =>
      window.call(() => {
        const host = (globalThis as WithHost).openclawA2UI;
        return host === undefined ? { ok: false, error: 'missing openclawA2UI' } : host.reset();
      }, undefined),
    );
  }

  /** Loads the renderer page if the canvas shows something else, then waits until it is ready. */
  #withRenderer(fn: (window: CanvasWindow) => Promise<A2uiResult>): Promise<A2uiResult> {
    return this.#serial(async () => {
      const window = await this.#shown();
      const page = a2uiPageUrl(this.hostEnv.platform);
      if (window.url() !== page) await window.goto(page, this.options.navigationTimeoutMs);
      const deadline = Date.now() + this.options.a2uiReadyTimeoutMs;
      while (!(await window.call(() => typeof (globalThis as WithHost).openclawA2UI?.applyMessages === 'function', undefined).catch(() => false))) {
        if (Date.now() > deadline) throw canvasError('A2UI_HOST_UNAVAILABLE', 'A2UI host not reachable: the renderer page did not become ready');
        await sleep(100);
      }
      return fn(window);
    });
  }

  async #shown(): Promise<CanvasWindow> {
    const window = await this.#ensureWindow();
    await window.show();
    return window;
  }

  /**
   * The open window, or a new one on the default page. A target is always loaded with a
   * navigation afterwards, so a page that fails to load fails the same way on a new window.
   */
  async #ensureWindow(): Promise<CanvasWindow> {
    if (this.#stopped) throw canvasError('CANVAS_UNAVAILABLE', 'the canvas is shutting down');
    if (this.hostEnv.display === undefined) throw canvasError('NODE_BACKGROUND_UNAVAILABLE', 'canvas needs a display');
    if (this.#window?.open) return this.#window;
    try {
      this.#window = await this.launcher.open(scaffoldPageUrl(), this.options.window);
    } catch (err) {
      this.#launchError = launchError(err);
      throw this.#launchError;
    }
    this.#launchError = undefined;
    return this.#window;
  }

  /**
   * Runs canvas work one call at a time: a navigation must not interleave with a push or a
   * capture. A call that fails does not block the ones queued behind it. When the window
   * turns out to be gone (its user closed it, it crashed, its display went away), the call
   * runs once more in a new window: whatever it did in the old one went with it.
   */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        const window = this.#window;
        if (window === undefined || window.open || this.#stopped) throw err;
        await window.close();
        return fn();
      }
    };
    const run = this.#queue.then(attempt);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** A failed window launch as the code callers see: its own code when it has one, else CANVAS_UNAVAILABLE. */
function launchError(err: unknown): OpenClawError {
  return err instanceof OpenClawError ? err : canvasCodedError('CANVAS_UNAVAILABLE', OpenClawError.from(err).message, { cause: err });
}
