import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { canvasError } from './errors.js';

/** What a canvas may show: web pages, local files, inline documents and the blank page. */
const SCHEMES = new Set(['http:', 'https:', 'file:', 'data:', 'about:']);

/**
 * Turns a `canvas.present`/`canvas.navigate` target into a URL: an http(s), file, data or
 * about:blank URL, or an absolute path to an existing file (a directory means its
 * index.html). Anything else is CANVAS_TARGET_INVALID, so `javascript:` and browser-internal
 * pages never reach the window.
 *
 * @example
 * resolveCanvasTarget('https://example.com'); // 'https://example.com/'
 * resolveCanvasTarget('/srv/canvas');         // 'file:///srv/canvas/index.html'
 */
export function resolveCanvasTarget(target: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw canvasError('CANVAS_TARGET_INVALID', `not a valid URL: ${target}`);
    }
    if (!SCHEMES.has(url.protocol) || (url.protocol === 'about:' && url.href !== 'about:blank')) {
      throw canvasError('CANVAS_TARGET_INVALID', `${url.protocol} URLs cannot be shown; use http(s), file, data, about:blank or an absolute path`);
    }
    return url.protocol === 'file:' ? existingFileUrl(fileURLToPath(url), target) : url.href;
  }
  if (!isAbsolute(target)) throw canvasError('CANVAS_TARGET_INVALID', `${target} is neither a URL nor an absolute path`);
  return existingFileUrl(target, target);
}

function existingFileUrl(path: string, shown: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isFile()) return pathToFileURL(path).href;
  if (stat?.isDirectory() && statSync(join(path, 'index.html'), { throwIfNoEntry: false })?.isFile()) return pathToFileURL(join(path, 'index.html')).href;
  throw canvasError('CANVAS_TARGET_INVALID', stat?.isDirectory() ? `${shown} is a directory without index.html` : `${shown} does not exist on this node`);
}
