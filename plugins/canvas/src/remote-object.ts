import type { CDPSession } from 'playwright-core';

/** The part of a DevTools `Runtime.RemoteObject` that stringifying needs. */
export interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}

/**
 * Plain objects and arrays as JSON, everything else as the page's `String(value)`: what a
 * person expects to read back from `document.title`, `[1, 2]` or `document.body`.
 */
function stringifyInPage(this: unknown): string {
  const plain = Array.isArray(this) || Object.prototype.toString.call(this) === '[object Object]';
  try {
    const json = plain ? JSON.stringify(this) : undefined;
    return json ?? String(this);
  } catch {
    return String(this);
  }
}

/**
 * The completion value of a canvas script as the string `canvas.eval` returns: strings as
 * they are, `undefined` as an empty string (the CLI then prints `canvas eval ok`), numbers and
 * booleans as JavaScript prints them, objects through {@link stringifyInPage}.
 */
export async function stringifyRemoteObject(cdp: CDPSession, object: RemoteObject): Promise<string> {
  switch (object.type) {
    case 'undefined':
      return '';
    case 'string':
      return String(object.value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return object.unserializableValue ?? String(object.value);
    case 'object':
      if (object.subtype === 'null') return 'null';
      break;
    default:
      return object.description ?? String(object.value ?? '');
  }
  if (object.objectId === undefined) return object.description ?? '';
  const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: stringifyInPage.toString(), returnByValue: true });
  return typeof result.value === 'string' ? result.value : (object.description ?? '');
}
