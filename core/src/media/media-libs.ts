import { redactCredentials } from './redact-credentials.js';

type Sharp = (typeof import('sharp'))['default'];
type Ffmpeg = typeof import('fluent-ffmpeg');

let sharpLib: Promise<Sharp> | undefined;
let ffmpegLib: Promise<Ffmpeg> | undefined;

/**
 * sharp, loaded on first use. Its native binding costs start-up time and memory, and most
 * processes that import the media toolkit (the CLI writing a `MEDIA:` file, a gateway that
 * never resizes) do not need it.
 */
export const loadSharp = (): Promise<Sharp> => (sharpLib ??= import('sharp').then((m) => m.default));

/** fluent-ffmpeg, loaded on first use for the same reason. */
export const loadFfmpeg = (): Promise<Ffmpeg> => (ffmpegLib ??= import('fluent-ffmpeg').then((m) => m.default));

/**
 * What went wrong, in one line: a sharp message, or the last line ffmpeg wrote to stderr
 * (run with `-loglevel error`, so that is the cause), with the fix when a program is missing
 * or a file is a container the toolkit does not open. Credentials of URLs in it are masked.
 */
export function failureText(err: unknown, stderr = ''): string {
  // fluent-ffmpeg's message quotes the command line: inputs with credentials among it.
  const lines = redactCredentials(`${(err as Error)?.message ?? err}\n${stderr}`).split('\n').map((l) => l.trim()).filter(Boolean);
  const text = lines.join(' ');
  const refused = /\[(\w+) @ [^\]]*\] Format not on whitelist/.exec(text);
  if (refused) return `the file is a ${refused[1]} container, which is not opened here (a playlist or list can pull in other files)`;
  if (/Cannot find ff(mpeg|probe)/.test(text)) return `${lines[0]} (install ffmpeg, e.g. apt-get install ffmpeg)`;
  return (lines.length > 1 && !lines[0].endsWith(lines.at(-1)!) ? `${lines[0].replace(/:$/, '')}: ${lines.at(-1)}` : (lines[0] ?? 'unknown error')).slice(0, 500);
}
