// index.js: the plugin object, with its node side and its gateway side.
import { instanceCachingFactory } from '@openclaw-nodes/core/di';
import { defineErrorCodes, errorFactory } from '@openclaw-nodes/core/errors';
import { LOGGER, PLUGIN_OPTIONS, defineCommand, definePlugin } from '@openclaw-nodes/core/plugin';
import { z } from 'zod';

// Options arrive from `plugins.options.notes`; defaults live in the schema.
const options = z.strictObject({
  maxNotes: z.number().int().min(1).max(10_000).default(100),
});

// The codes this plugin owns (README.md lists them too).
export const notesErrorCodes = defineErrorCodes({
  NOTES_FULL: { wire: 'UNAVAILABLE', status: 507, matchable: true, summary: 'The node keeps no more notes; clear some first.' },
});
const notesError = errorFactory(notesErrorCodes);

const note = z.object({ text: z.string(), at: z.number().int() });

export const add = defineCommand({
  name: 'notes.add',
  params: z.object({ text: z.string().trim().min(1).max(1_000) }),
  result: z.object({ count: z.number().int() }),
  description: 'Keeps one line of text on the node.',
});
export const list = defineCommand({
  name: 'notes.list',
  params: z.object({}),
  result: z.object({ notes: z.array(note) }),
  description: 'The notes kept, oldest first.',
});
export const wait = defineCommand({
  name: 'notes.wait',
  params: z.object({}),
  result: note,
  description: 'Answers with the next note added; ends when the call is cancelled or times out.',
});
// Destructive, so the gateway routes it only with `gateway.nodes.commands.allow: ["notes.clear"]`.
export const clear = defineCommand({
  name: 'notes.clear',
  params: z.object({}),
  result: z.object({ removed: z.number().int() }),
  dangerous: true,
  description: 'Removes every note.',
});

/** The notes of one node host, and the calls waiting for the next one. */
class NoteBook {
  notes = [];
  waiting = new Set();

  constructor(maxNotes) {
    this.maxNotes = maxNotes;
  }

  add(text) {
    if (this.notes.length >= this.maxNotes) {
      throw notesError('NOTES_FULL', `NOTES_FULL: this node keeps at most ${this.maxNotes} notes; run notes.clear first`);
    }
    const entry = { text, at: Date.now() };
    this.notes.push(entry);
    for (const resolve of this.waiting) resolve(entry);
    this.waiting.clear();
    return entry;
  }

  next(signal) {
    return new Promise((resolve, reject) => {
      const done = (entry) => (signal.removeEventListener('abort', onAbort), resolve(entry));
      // The gateway cancels the call on timeout or when the operator goes away.
      const onAbort = () => (this.waiting.delete(done), reject(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(done);
    });
  }
}

const NOTE_BOOK = Symbol('notes.book');

export default definePlugin({
  name: 'notes',
  version: '1.0.0',
  host: '^0.1.0',
  caps: ['notes'],
  commands: [add, list, wait, clear],
  errors: notesErrorCodes,
  options,
  node: {
    // Bind only: no I/O and no resolve here.
    register: (container) =>
      container.register(NOTE_BOOK, { useFactory: instanceCachingFactory((c) => new NoteBook(c.resolve(PLUGIN_OPTIONS).maxNotes)) }),
    handlers: (container) => {
      const book = container.resolve(NOTE_BOOK);
      const logger = container.resolve(LOGGER);
      return {
        'notes.add': ({ text }, ctx) => {
          const entry = book.add(text);
          // A `node.event` the gateway passes on to operators.
          ctx.emitEvent('notes.added', entry);
          logger.debug({ count: book.notes.length }, 'note added');
          return { count: book.notes.length };
        },
        'notes.list': () => ({ notes: book.notes }),
        'notes.wait': (_params, ctx) => book.next(ctx.signal),
        'notes.clear': () => ({ removed: book.notes.splice(0).length }),
      };
    },
  },
  gateway: {
    postProcess: {
      // What the operator sees: the node's notes, newest first, with their count.
      'notes.list': (result) => ({ notes: [...result.notes].reverse(), count: result.notes.length }),
    },
  },
});
