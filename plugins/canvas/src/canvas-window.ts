import type { Placement } from './commands.js';

/** A window rectangle in screen pixels. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The canvas window as the service drives it. One adapter today (Chromium through
 * playwright-core); a WebView-based host would implement the same contract.
 */
export interface CanvasWindow {
  /** False once the browser is gone (closed, crashed, or its display went away). */
  readonly open: boolean;
  readonly hidden: boolean;
  /** The URL of the page the canvas shows. */
  url(): string;
  /** Loads a URL and waits for its `load` event. */
  goto(url: string, timeoutMs: number): Promise<void>;
  /** Evaluates a script as the DevTools console would (top-level await, let redeclaration) and stringifies its completion value. */
  evaluate(script: string, timeoutMs: number): Promise<string>;
  /** Calls a function in the page with one JSON argument and returns its JSON result. */
  call<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** A PNG of what the canvas shows (the page viewport, no window chrome). */
  screenshot(): Promise<Buffer>;
  /** Moves and resizes the window; fields left out keep their value. */
  place(placement: Placement): Promise<void>;
  show(): Promise<void>;
  hide(): Promise<void>;
  close(): Promise<void>;
}

/** Opens canvas windows; chosen per host at registration. */
export interface CanvasWindowLauncher {
  /** The browser this launcher starts, or undefined when the machine has none. */
  readonly executablePath: string | undefined;
  open(startUrl: string, bounds: WindowBounds): Promise<CanvasWindow>;
}

/** DI token of the host's `CanvasWindowLauncher`, bound by the plugin's `register`. */
export const CANVAS_WINDOW_LAUNCHER = Symbol.for('openclaw.canvas.windowLauncher');
