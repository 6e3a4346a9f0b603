/** What stands in for a hidden credential; the text `openclaw config get` prints for secrets. */
const HIDDEN = '__OPENCLAW_REDACTED__';

/**
 * A gateway URL as it may be printed or logged: a password in the user info and every query
 * value are hidden, since a user may have put a token there. Works on text that is not a
 * valid URL too, because such text ends up in "invalid URL" messages.
 *
 * @example
 * urlForDisplay('ws://me:pw@127.0.0.1:1/?token=abc'); // 'ws://me:__OPENCLAW_REDACTED__@127.0.0.1:1/?token=__OPENCLAW_REDACTED__'
 */
export function urlForDisplay(url: string): string {
  return url
    .replace(/^([^/?#]*\/\/[^/?#@:]*):[^/?#@]*@/, `$1:${HIDDEN}@`)
    .replace(/^([^/?#]*\/\/)([^/?#@:]+)@/, `$1${HIDDEN}@`)
    .replace(/([?&][^=&#]*=)[^&#]*/g, `$1${HIDDEN}`);
}
