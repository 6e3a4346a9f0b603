import { readFileSync } from 'node:fs';

/** A unit value with its specifiers expanded: `%%` is `%`, `%h` the home dir; any other fails the test. */
function expandSpecifiers(value: string, home: string): string {
  return value.replace(/%(.?)/g, (_m, c: string) => {
    if (c === '%') return '%';
    if (c === 'h') return home;
    throw new Error(`unit value ${JSON.stringify(value)} has the specifier %${c}, which systemd would expand or refuse`);
  });
}

/**
 * Splits one unit-file value into words the way systemd does (systemd.syntax(7),
 * systemd.service(5) "Command lines"): double-quoted words with C escapes, specifiers (`%%`
 * is `%`, `%h` the home dir, any other fails), and, in command lines, `$$` for `$` while
 * `$NAME` / `${NAME}` are replaced from `environment`. Written from the manual, not from our
 * builder, so a test through it checks the builder against systemd's rules.
 */
export function systemdWords(value: string, { command = false, environment = {} as Record<string, string | undefined>, home = '' } = {}): string[] {
  const words: string[] = [];
  let i = 0;
  const unescapeSpecials = (text: string) => {
    const specified = expandSpecifiers(text, home);
    return command ? specified.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (m, a?: string, b?: string) => (m === '$$' ? '$' : environment[a ?? b!] ?? '')) : specified;
  };
  while (i < value.length) {
    while (value[i] === ' ') i++;
    if (i >= value.length) break;
    let word = '';
    if (value[i] === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\') {
          i++;
          word += { n: '\n', t: '\t', '\\': '\\', '"': '"' }[value[i]] ?? value[i];
        } else word += value[i];
        i++;
      }
      i++;
    } else {
      while (i < value.length && value[i] !== ' ') word += value[i++];
    }
    words.push(unescapeSpecials(word));
  }
  return words;
}

/** The command, variables and env file a systemd unit starts its service with. */
export function readSystemdUnit(path: string): { command: string[]; environment: Record<string, string>; envFile: string; text: string } {
  const text = readFileSync(path, 'utf8');
  const values = (key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);
  const environment = Object.fromEntries(values('Environment').flatMap((v) => systemdWords(v)).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  // A path setting: specifiers apply, quotes and word splitting do not.
  const envFile = expandSpecifiers(values('EnvironmentFile')[0], '');
  // The variables ExecStart sees: the unit's own and its env file's.
  const command = systemdWords(values('ExecStart')[0], { command: true, environment: { ...environment, ...readEnvFile(envFile) } });
  return { command, environment, envFile, text };
}

/** `NAME=value` lines of an env file, single quotes removed. */
export function readEnvFile(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace(/^'(.*)'$/, '$1')]));
}
