/** Longest text `describeThrown` returns: a thrown value's text goes into logs and error messages. */
const MAX_TEXT = 2_000;

/**
 * Text for anything thrown or rejected with: an Error's message, a string, or what `String()`
 * makes of the rest. Never throws, whatever the value is: an object without a prototype, a
 * Symbol, a Proxy whose traps throw or a getter that throws gets its type (`a thrown Object
 * that cannot be printed`) instead. At most 2,000 characters.
 *
 * @example
 * describeThrown(Object.create(null)); // 'a thrown object that cannot be printed'
 */
export function describeThrown(err: unknown): string {
  let text: string;
  try {
    if (err instanceof Error) {
      const { message } = err;
      text = typeof message === 'string' ? message : String(message);
    } else text = typeof err === 'symbol' ? err.toString() : String(err);
  } catch {
    text = `a thrown ${typeOf(err)} that cannot be printed`;
  }
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/**
 * `describeThrown`, with the stack of an Error when it has a readable one: for the process's
 * last-resort log, where the stack is what names the code that threw (a plugin's file).
 */
export function describeThrownWithStack(err: unknown): string {
  try {
    if (err instanceof Error && typeof err.stack === 'string') return err.stack;
  } catch {
    // A Proxy or a throwing `stack` getter: fall back to the message.
  }
  return describeThrown(err);
}

function typeOf(value: unknown): string {
  try {
    return Array.isArray(value) ? 'array' : typeof value;
  } catch {
    // `Array.isArray` throws on a revoked Proxy.
    return 'value';
  }
}
