/**
 * @module
 * The `canvas` capability plugin: a Chromium window on the node's display that operators
 * present pages in, evaluate scripts in, capture, and render A2UI v0.8 surfaces into.
 */
import { join } from 'node:path';
import { STATE_DIR } from '@openclaw-nodes/core';
import { HOST_ENV, HOST_SERVICES, PLUGIN_OPTIONS, definePlugin, type HostEnvironment, type HostServices } from '@openclaw-nodes/core/plugin';
import { checkA2uiJsonl, checkA2uiMessages, type A2uiMessage } from './a2ui-messages.js';
import { CanvasService } from './canvas-service.js';
import { CANVAS_WINDOW_LAUNCHER } from './canvas-window.js';
import { findChromium } from './chromium-executable.js';
import { ChromiumLauncher } from './chromium-window.js';
import { type A2uiPushJsonlParams, type A2uiPushParams, type EvalParams, type NavigateParams, type PresentParams, type SnapshotParams } from './commands.js';
import { a2uiCheckError } from './errors.js';
import { canvasGatewayPlugin } from './gateway.js';
import type { CanvasOptions } from './options.js';

/** Leaves the gateway's own reply time for the error when a script runs out the invoke timeout. */
const EVAL_MARGIN_MS = 500;

function jsonlMessages(jsonl: string): A2uiMessage[] {
  const check = checkA2uiJsonl(jsonl);
  const error = a2uiCheckError(check, 'A2UI JSONL line');
  if (error !== undefined) throw error;
  return check.messages;
}

/**
 * The plugin object a desktop node host loads.
 *
 * @example
 * host.load([systemPlugin, canvasPlugin]);
 * await host.start(); // opens the canvas window when the host has a display
 * await host.invoke('canvas.eval', { javaScript: 'document.title' }, ctx); // { result: 'OpenClaw Canvas' }
 */
export const canvasPlugin = definePlugin({
  ...canvasGatewayPlugin,
  // Chromium's first start on a cold machine takes a few seconds.
  startTimeoutMs: 45_000,
  node: {
    register(container) {
      container.register(CANVAS_WINDOW_LAUNCHER, {
        useFactory: (c) => {
          const hostEnv = c.resolve<HostEnvironment>(HOST_ENV);
          const options = c.resolve<CanvasOptions>(PLUGIN_OPTIONS);
          const stateDir = c.isRegistered(STATE_DIR, true) ? c.resolve<string>(STATE_DIR) : undefined;
          return new ChromiumLauncher(hostEnv, findChromium(hostEnv, options.executablePath), options.launchTimeoutMs, stateDir && join(stateDir, 'canvas'));
        },
      });
      container.registerSingleton(CanvasService);
    },
    available: (container) => container.resolve(CanvasService).executablePath !== undefined,
    permissions: (container) => container.resolve(CanvasService).permissions(),
    async start(container) {
      const canvas = container.resolve(CanvasService);
      await canvas.start();
      if (container.isRegistered(HOST_SERVICES, true)) canvas.offerOverlay(container.resolve<HostServices>(HOST_SERVICES));
    },
    stop: (container) => container.resolve(CanvasService).stop(),
    handlers(container) {
      const canvas = container.resolve(CanvasService);
      return {
        'canvas.present': ({ target, placement }: PresentParams) => canvas.present(target, placement),
        'canvas.hide': () => canvas.hide(),
        'canvas.navigate': ({ url }: NavigateParams) => canvas.navigate(url),
        'canvas.eval': async ({ javaScript }: EvalParams, ctx) => ({
          result: await canvas.eval(javaScript, ctx.timeoutMs === undefined ? undefined : Math.max(1_000, ctx.timeoutMs - EVAL_MARGIN_MS)),
        }),
        'canvas.snapshot': (params: SnapshotParams, ctx) => canvas.snapshot(params, ctx),
        'canvas.a2ui.push': ({ messages, jsonl }: A2uiPushParams) => {
          if (messages === undefined) return canvas.a2uiPush(jsonlMessages(jsonl ?? ''));
          const check = checkA2uiMessages(messages);
          const error = a2uiCheckError(check, 'A2UI message');
          if (error !== undefined) throw error;
          return canvas.a2uiPush(check.messages);
        },
        'canvas.a2ui.pushJSONL': ({ jsonl }: A2uiPushJsonlParams) => canvas.a2uiPush(jsonlMessages(jsonl)),
        'canvas.a2ui.reset': () => canvas.a2uiReset(),
      };
    },
  },
});

export default canvasPlugin;
export { CanvasService } from './canvas-service.js';
export { CANVAS_WINDOW_LAUNCHER, type CanvasWindow, type CanvasWindowLauncher, type WindowBounds } from './canvas-window.js';
export { ChromiumLauncher } from './chromium-window.js';
export { findChromium } from './chromium-executable.js';
export { canvasOptions, type CanvasOptions } from './options.js';
export { canvasErrorCodes, canvasError, type CanvasErrorCode } from './errors.js';
export {
  canvasCommands,
  presentParams,
  navigateParams,
  evalParams,
  snapshotParams,
  a2uiPushParams,
  a2uiPushJsonlParams,
  SNAPSHOT_DEFAULTS,
  type Placement,
  type SnapshotResult,
  type A2uiResult,
} from './commands.js';
export { checkA2uiJsonl, checkA2uiMessages, A2UI_V08_KINDS, type A2uiMessage, type A2uiCheck, type A2uiProblem } from './a2ui-messages.js';
