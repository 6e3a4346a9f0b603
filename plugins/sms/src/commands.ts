import { defineCommand } from '@openclaw-nodes/core/plugin';
import { z } from 'zod';

/** Longest text one sms.send takes: ten concatenated GSM-7 parts (153 characters each). */
export const MAX_MESSAGE_LENGTH = 1_530;
/** Most messages one sms.search answers. */
export const MAX_SEARCH_RESULTS = 100;
/** Longest text any one message carries in a search answer (characters). */
export const MAX_RESULT_TEXT = 2_000;

/** E.164-ish: an optional `+`, then 3 to 15 digits; spaces, dots, dashes and parentheses between them are ignored. */
const PHONE = /^\+?[0-9]{3,15}$/;
const SEPARATORS = /[\s().-]/g;

/** The digits (and leading `+`) of a phone number as it is dialled, or undefined when it is not one. */
export function dialable(number: string): string | undefined {
  const compact = number.trim().replace(SEPARATORS, '');
  return PHONE.test(compact) ? compact : undefined;
}

const phone = z
  .string({ error: "'to' phone number required" })
  .trim()
  .min(1, "'to' phone number required")
  .max(32, "'to' is not a phone number")
  .refine((to) => dialable(to) !== undefined, "'to' must be a phone number in E.164 form, such as +15555550123");

/** `sms.send` (COMMANDS.md 7): `to` trimmed and checked, `message` non-empty and sent as given. */
export const sendParams = z.object(
  {
    to: phone,
    message: z
      .string({ error: "'message' text required" })
      .min(1, "'message' text required")
      .max(MAX_MESSAGE_LENGTH, `'message' is longer than ${MAX_MESSAGE_LENGTH} characters`)
      .refine((m) => !m.includes('\0'), "'message' must not contain NUL characters"),
  },
  { error: 'paramsJSON required' },
);
export const sendResult = z.object({ ok: z.literal(true), to: z.string() });

/** `sms.search`: the modem's stored messages, newest first, optionally by number or text. */
export const searchParams = z
  .object({
    query: z.string().max(160).optional(),
    number: phone.optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
  })
  .nullish()
  .transform((p) => p ?? { limit: 20 });
export const storedMessage = z.object({
  number: z.string(),
  text: z.string(),
  /** ms since the epoch, when the modem knows it. */
  timestamp: z.number().int().optional(),
  /** `received`, `sent`, `draft`, ... as the modem reports it. */
  state: z.string(),
});
export const searchResult = z.object({ messages: z.array(storedMessage).max(MAX_SEARCH_RESULTS), truncated: z.boolean() });

export type SendParams = z.output<typeof sendParams>;
export type SearchParams = z.output<typeof searchParams>;
export type StoredMessage = z.output<typeof storedMessage>;
export type SearchResult = z.output<typeof searchResult>;

export const sendCommand = defineCommand({ name: 'sms.send', params: sendParams, result: sendResult, dangerous: true, description: "Sends a text message through the node's modem." });
export const searchCommand = defineCommand({ name: 'sms.search', params: searchParams, result: searchResult, dangerous: true, description: "Searches the messages stored on the node's modem." });

export const smsCommands = [sendCommand, searchCommand] as const;
