import { defineCommand, deliveredMediaSchema } from '@openclaw-nodes/core/plugin';
import { z } from 'zod';
import { MAX_A2UI_MESSAGES } from './a2ui-messages.js';

/** Longest URL or path accepted as a canvas target. */
export const MAX_TARGET_LENGTH = 8_192;
/** Largest script `canvas.eval` accepts (characters). */
export const MAX_SCRIPT_LENGTH = 1_000_000;
/** Largest JSONL text one push accepts (characters). */
export const MAX_JSONL_LENGTH = 4_000_000;
/** Widest snapshot a caller may ask for; Chromium windows are smaller than this anyway. */
export const MAX_SNAPSHOT_WIDTH = 16_384;

/** Seed-era defaults of the Apple desktop canvas (COMMANDS.md 3.5). */
export const SNAPSHOT_DEFAULTS = { pngMaxWidth: 900, jpegMaxWidth: 1_600, quality: 0.9, minQuality: 0.05 } as const;

// Commands whose params are all optional must accept a missing or null paramsJSON (COMMANDS.md 1.1).
const optional = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish().transform((p) => p ?? ({} as z.output<z.ZodObject<T>>));

const target = (field: string) => z.string({ error: `${field} must be a string` }).trim().min(1, `${field} must not be empty`).max(MAX_TARGET_LENGTH, `${field} is too long`);
const coordinate = z.number().min(-32_768).max(32_767);
const extent = z.number().min(1).max(32_767);
const placementShape = { x: coordinate.optional(), y: coordinate.optional(), width: extent.optional(), height: extent.optional() };

/** Where and how big the canvas window should be; absent fields keep their current value. */
export type Placement = { x?: number; y?: number; width?: number; height?: number };

/**
 * `canvas.present`: the wire shape `{url?, placement?: {x, y, width, height}}` and the flat
 * form `{url | path, x, y, width, height}`; `placement` wins where both give a field.
 */
export const presentParams = optional({ url: target('url').optional(), path: target('path').optional(), ...placementShape, placement: z.object(placementShape).optional() })
  .refine((p) => p.url === undefined || p.path === undefined, 'give url or path, not both')
  .transform(({ url, path, placement, ...flat }) => {
    const merged: Placement = Object.fromEntries(Object.entries({ ...flat, ...placement }).filter(([, v]) => v !== undefined));
    return { target: url ?? path, placement: Object.keys(merged).length > 0 ? merged : undefined };
  });

export const hideParams = optional({});
export const navigateParams = z.object({ url: target('url') }, { error: 'url required' });
export const evalParams = z.object(
  { javaScript: z.string({ error: 'javaScript required' }).min(1, 'javaScript required').max(MAX_SCRIPT_LENGTH, 'javaScript is too long') },
  { error: 'javaScript required' },
);

/** `canvas.snapshot`: format `jpg` is `jpeg`; a missing or non-positive maxWidth takes the format's default. */
export const snapshotParams = optional({
  format: z.enum(['png', 'jpeg', 'jpg'], { error: 'format must be png, jpeg or jpg' }).optional(),
  maxWidth: z.number().int('maxWidth must be an integer').max(MAX_SNAPSHOT_WIDTH).optional(),
  quality: z.number().min(0, 'quality must be between 0 and 1').max(1, 'quality must be between 0 and 1').optional(),
}).transform(({ format, maxWidth, quality }) => {
  const fmt = format === 'png' ? ('png' as const) : ('jpeg' as const);
  const fallback = fmt === 'png' ? SNAPSHOT_DEFAULTS.pngMaxWidth : SNAPSHOT_DEFAULTS.jpegMaxWidth;
  return {
    format: fmt,
    maxWidth: maxWidth !== undefined && maxWidth > 0 ? maxWidth : fallback,
    quality: Math.max(SNAPSHOT_DEFAULTS.minQuality, quality ?? SNAPSHOT_DEFAULTS.quality),
  };
});

const jsonl = z.string({ error: 'jsonl required' }).max(MAX_JSONL_LENGTH, 'jsonl is too long').refine((text) => text.trim() !== '', 'jsonl required');

/** `canvas.a2ui.push`: `{messages}`, or `{jsonl}` as a fallback when messages is missing. */
export const a2uiPushParams = z
  .object(
    { messages: z.array(z.unknown()).min(1, 'messages must not be empty').max(MAX_A2UI_MESSAGES).optional(), jsonl: jsonl.optional() },
    { error: 'messages required' },
  )
  .refine((p) => p.messages !== undefined || p.jsonl !== undefined, 'messages required');
export const a2uiPushJsonlParams = z.object({ jsonl }, { error: 'jsonl required' });
export const a2uiResetParams = optional({});

const noPayload = z.undefined();
export const evalResult = z.object({ result: z.string() });
/** A capture inline (`base64`) or, past the node's inline limit, out of band (`url`). */
export const snapshotResult = z.intersection(z.object({ format: z.enum(['png', 'jpeg']), width: z.number().int(), height: z.number().int() }), deliveredMediaSchema);
/** What the renderer answers; a renderer failure is an ok invoke with `ok: false` (COMMANDS.md 3.6). */
export const a2uiResult = z.object({ ok: z.boolean(), surfaces: z.array(z.string()).optional(), error: z.string().optional() });

export type PresentParams = z.output<typeof presentParams>;
export type NavigateParams = z.output<typeof navigateParams>;
export type EvalParams = z.output<typeof evalParams>;
export type SnapshotParams = z.output<typeof snapshotParams>;
export type A2uiPushParams = z.output<typeof a2uiPushParams>;
export type A2uiPushJsonlParams = z.output<typeof a2uiPushJsonlParams>;
export type SnapshotResult = z.output<typeof snapshotResult>;
export type A2uiResult = z.output<typeof a2uiResult>;

// Every canvas command needs the window on a display (foreground rule, COMMANDS.md 1.4).
const canvas = { foreground: true } as const;

export const presentCommand = defineCommand({ name: 'canvas.present', params: presentParams, result: noPayload, ...canvas, description: 'Shows the canvas window, optionally at a URL or file and a placement.' });
export const hideCommand = defineCommand({ name: 'canvas.hide', params: hideParams, result: noPayload, ...canvas, description: 'Hides the canvas window; its page is kept.' });
export const navigateCommand = defineCommand({ name: 'canvas.navigate', params: navigateParams, result: noPayload, ...canvas, description: 'Loads a URL or local file in the canvas.' });
export const evalCommand = defineCommand({ name: 'canvas.eval', params: evalParams, result: evalResult, ...canvas, description: 'Runs JavaScript in the canvas page and returns its completion value as a string.' });
export const snapshotCommand = defineCommand({ name: 'canvas.snapshot', params: snapshotParams, result: snapshotResult, ...canvas, description: 'Captures the canvas as PNG or JPEG, downscaled to maxWidth.' });
export const a2uiPushCommand = defineCommand({ name: 'canvas.a2ui.push', params: a2uiPushParams, result: a2uiResult, ...canvas, description: 'Renders A2UI v0.8 messages in the canvas.' });
export const a2uiPushJsonlCommand = defineCommand({ name: 'canvas.a2ui.pushJSONL', params: a2uiPushJsonlParams, result: a2uiResult, ...canvas, description: 'Renders A2UI v0.8 JSONL in the canvas.' });
export const a2uiResetCommand = defineCommand({ name: 'canvas.a2ui.reset', params: a2uiResetParams, result: a2uiResult, ...canvas, description: 'Removes every A2UI surface.' });

/** Every command the canvas plugin declares, in the order COMMANDS.md lists them. */
export const canvasCommands = [
  presentCommand,
  hideCommand,
  navigateCommand,
  evalCommand,
  snapshotCommand,
  a2uiPushCommand,
  a2uiPushJsonlCommand,
  a2uiResetCommand,
] as const;
