import { z } from 'zod';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * `plugins.options.canvas` in config. Defaults live here.
 *
 * @example
 * // openclaw.json
 * { plugins: { options: { canvas: { executablePath: '/opt/chromium/chrome', window: { width: 1024, height: 768 } } } } }
 */
export const canvasOptions = z.strictObject({
  /** Chromium or Chrome to drive; found in the platform's usual places when unset. */
  executablePath: z.string().min(1).optional(),
  /** Where the canvas window opens and how big it is, in screen pixels. */
  window: z
    .strictObject({ x: int(-32_768, 32_767).default(0), y: int(-32_768, 32_767).default(0), width: int(100, 16_384).default(1_280), height: int(100, 16_384).default(720) })
    .default({ x: 0, y: 0, width: 1_280, height: 720 }),
  /** How long Chromium may take to start. */
  launchTimeoutMs: int(1_000, 120_000).default(30_000),
  /** How long a page may take to load on present/navigate. */
  navigationTimeoutMs: int(1_000, 120_000).default(30_000),
  /** How long the A2UI renderer page may take to become ready (COMMANDS.md 3.6: about 5–6 s). */
  a2uiReadyTimeoutMs: int(500, 60_000).default(6_000),
});

export type CanvasOptions = z.output<typeof canvasOptions>;
