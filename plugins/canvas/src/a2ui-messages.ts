import { formatZodIssues, MAX_PAYLOAD_DEPTH, parseJsonBounded } from '@openclaw-nodes/core/protocol';
import { z } from 'zod';

/** The four server→client message kinds of A2UI v0.8; every message has exactly one. */
export const A2UI_V08_KINDS = ['beginRendering', 'surfaceUpdate', 'dataModelUpdate', 'deleteSurface'] as const;
/** Keys that only A2UI v0.9 messages have. */
const V09_KINDS = ['createSurface', 'updateComponents', 'updateDataModel'] as const;

/** Most messages one push may carry; bounds the renderer's work per call. */
export const MAX_A2UI_MESSAGES = 5_000;

const surfaceId = z.string().min(1);

const component = z.object({
  id: z.string().min(1),
  weight: z.number().optional(),
  component: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .refine((c) => Object.keys(c).length === 1, 'must name exactly one component type, e.g. {"Text": {...}}'),
});

type DataEntry = { key: string; valueString?: string; valueNumber?: number; valueBoolean?: boolean; valueMap?: DataEntry[] };
const VALUE_KEYS = ['valueString', 'valueNumber', 'valueBoolean', 'valueMap'] as const;
const dataEntry: z.ZodType<DataEntry> = z.lazy(() =>
  z
    .object({
      key: z.string(),
      valueString: z.string().optional(),
      valueNumber: z.number().optional(),
      valueBoolean: z.boolean().optional(),
      valueMap: z.array(dataEntry).optional(),
    })
    .refine((e) => VALUE_KEYS.filter((k) => e[k] !== undefined).length === 1, `must have exactly one of ${VALUE_KEYS.join(', ')}`),
);

const bodies = {
  beginRendering: z.object({ surfaceId, root: z.string().min(1), styles: z.record(z.string(), z.unknown()).optional() }),
  surfaceUpdate: z.object({ surfaceId, components: z.array(component) }),
  dataModelUpdate: z.object({ surfaceId, path: z.string().optional(), contents: z.array(dataEntry) }),
  deleteSurface: z.object({ surfaceId }),
} as const;

export type A2uiMessage =
  | { beginRendering: z.output<typeof bodies.beginRendering> }
  | { surfaceUpdate: z.output<typeof bodies.surfaceUpdate> }
  | { dataModelUpdate: z.output<typeof bodies.dataModelUpdate> }
  | { deleteSurface: z.output<typeof bodies.deleteSurface> };

/** One message that failed; `index` is 1-based (the JSONL line number, or the array position). */
export interface A2uiProblem {
  readonly index: number;
  readonly message: string;
}

/** The outcome of checking a batch: the valid messages, what was wrong, and which entries were v0.9. */
export interface A2uiCheck {
  readonly messages: A2uiMessage[];
  readonly problems: A2uiProblem[];
  /** 1-based indexes of entries that look like A2UI v0.9. */
  readonly v09: number[];
}

/**
 * Checks A2UI JSONL as COMMANDS.md 3.6 says: blank lines skipped, each other line a JSON
 * object with exactly one v0.8 message kind and the fields that kind requires; a v0.9
 * `createSurface` line is reported as such. Line numbers are 1-based.
 *
 * @example
 * checkA2uiJsonl('{"deleteSurface":{"surfaceId":"main"}}\n\n[]').problems;
 * // [{ index: 3, message: 'expected a JSON object' }]
 */
export function checkA2uiJsonl(jsonl: string): A2uiCheck {
  const entries: Array<{ index: number; value: unknown } | { index: number; error: string }> = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      // Checked like every payload: a line nested thousands deep must not reach the renderer.
      entries.push({ index: i + 1, value: parseJsonBounded(line, MAX_PAYLOAD_DEPTH, 'A2UI line') });
    } catch (err) {
      entries.push({ index: i + 1, error: err instanceof SyntaxError ? `invalid JSON (${err.message})` : (err as Error).message });
    }
  });
  return collect(entries);
}

/** Checks already-parsed messages (`canvas.a2ui.push {messages}`); indexes are 1-based array positions. */
export function checkA2uiMessages(values: readonly unknown[]): A2uiCheck {
  return collect(values.map((value, i) => ({ index: i + 1, value })));
}

function collect(entries: ReadonlyArray<{ index: number; value: unknown } | { index: number; error: string }>): A2uiCheck {
  const messages: A2uiMessage[] = [];
  const problems: A2uiProblem[] = [];
  const v09: number[] = [];
  for (const entry of entries) {
    if ('error' in entry) {
      problems.push({ index: entry.index, message: entry.error });
      continue;
    }
    const outcome = checkOne(entry.value);
    if ('message' in outcome) messages.push(outcome.message);
    else {
      problems.push({ index: entry.index, message: outcome.problem });
      if (outcome.v09) v09.push(entry.index);
    }
  }
  return { messages, problems, v09 };
}

function checkOne(value: unknown): { message: A2uiMessage } | { problem: string; v09?: true } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'expected a JSON object' };
  const keys = Object.keys(value);
  const newer = V09_KINDS.find((k) => keys.includes(k));
  if (newer !== undefined) return { problem: `looks like A2UI v0.9 (${newer}); this canvas supports v0.8 only`, v09: true };
  const kinds = A2UI_V08_KINDS.filter((k) => keys.includes(k));
  if (kinds.length !== 1) {
    return { problem: `expected exactly one of ${A2UI_V08_KINDS.join(', ')}; found: ${kinds.length === 0 ? keys.join(', ') || 'none' : kinds.join(', ')}` };
  }
  const kind = kinds[0];
  const body = bodies[kind].safeParse((value as Record<string, unknown>)[kind]);
  if (!body.success) return { problem: `${kind}: ${formatZodIssues(body.error)}` };
  return { message: { [kind]: body.data } as A2uiMessage };
}
