import { defineCommand } from '@openclaw-nodes/core/plugin';
import { z } from 'zod';

/** Longest title a notification takes (characters); notification servers show one line of it. */
export const MAX_TITLE_LENGTH = 256;
/** Longest body a notification takes (characters). */
export const MAX_BODY_LENGTH = 4_096;
/** Longest sound name (a freedesktop sound-theme name such as `message-new-instant`). */
export const MAX_SOUND_LENGTH = 64;

export const PRIORITIES = ['passive', 'active', 'timeSensitive'] as const;
export const DELIVERIES = ['system', 'overlay', 'auto'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type Delivery = (typeof DELIVERIES)[number];

const text = (field: string, max: number) => z.string({ error: `${field} must be a string` }).max(max, `${field} is longer than ${max} characters`).default('');

/**
 * `system.notify` (COMMANDS.md 2.3): at least one of title and body non-blank; `delivery`
 * defaults to `system`. A missing or null paramsJSON is an empty notification.
 */
export const notifyParams = z
  .object({
    title: text('title', MAX_TITLE_LENGTH),
    body: text('body', MAX_BODY_LENGTH),
    sound: z.string({ error: 'sound must be a string' }).max(MAX_SOUND_LENGTH, `sound is longer than ${MAX_SOUND_LENGTH} characters`).optional(),
    priority: z.enum(PRIORITIES, { error: 'priority must be passive, active or timeSensitive' }).optional(),
    delivery: z.enum(DELIVERIES, { error: 'delivery must be system, overlay or auto' }).default('system'),
  })
  .nullish()
  .transform((p) => p ?? { title: '', body: '', delivery: 'system' as const })
  .refine((p) => p.title.trim() !== '' || p.body.trim() !== '', 'empty notification');

export type NotifyParams = z.output<typeof notifyParams>;

export const notifyCommand = defineCommand({
  name: 'system.notify',
  params: notifyParams,
  result: z.undefined(),
  description: "Shows a notification on the node's desktop (the freedesktop notification service).",
});

export const notifyCommands = [notifyCommand] as const;
