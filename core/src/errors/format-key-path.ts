const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Renders a key path the way config paths are written, so an error can be pasted into
 * `openclaw config set`: `agents.list[0].id`, `plugins.options["my-lamp"].level`.
 *
 * @example
 * formatKeyPath(['plugins', 'options', 'acme.camera', 'fps']); // 'plugins.options["acme.camera"].fps'
 */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
