import { realpathSync } from 'node:fs';
import { expandHome, type ResolvedExecutable } from './resolve-executable.js';

const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 1024;

/** `**` any characters, `*` any characters but `/`, `?` one character; the rest literal. */
function globRegExp(glob: string): RegExp {
  let cached = compiled.get(glob);
  if (cached !== undefined) return cached;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '.';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  cached = new RegExp(`^${source}$`, 'is');
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(glob, cached);
  return cached;
}

const PATH_SELECTOR = /[/\\~]/;

/**
 * Whether an allowlist entry covers a command's program, as OpenClaw 2026.9.6 decides:
 * `*` covers any program that resolves to an executable file; a pattern without `/`, `\`
 * or `~` is a name glob that covers a program typed as a bare name (found through PATH)
 * whose file name matches, never one typed as a path; any other pattern is matched
 * against the executable path with `matchesPattern`.
 *
 * @param typed - the program word as the command spells it (`hostname`, `/usr/bin/hostname`)
 * @example
 * matchesProgram('hostname', 'hostname', resolveExecutable('hostname', opts), home); // true
 * matchesProgram('hostname', '/usr/bin/hostname', resolveExecutable('/usr/bin/hostname', opts), home); // false
 */
export function matchesProgram(rawPattern: string, typed: string, resolved: ResolvedExecutable, home: string): boolean {
  const pattern = rawPattern.trim();
  if (pattern === '*') return resolved.path !== undefined;
  if (!PATH_SELECTOR.test(pattern)) {
    if (PATH_SELECTOR.test(typed) || resolved.path === undefined) return false;
    return globRegExp(pattern).test(resolved.path.slice(resolved.path.lastIndexOf('/') + 1));
  }
  return resolved.candidate !== undefined && matchesPattern(pattern, resolved.candidate, home);
}

/**
 * Whether a path pattern matches an executable path (EXEC.md 7.4). Arguments never take
 * part. A pattern must contain `/`, `\` or `~` (for bare names see `matchesProgram`);
 * `~` means the host user's home; matching is whole-string and case-insensitive.
 * Candidates are real paths (symlinks followed), so a pattern is compared after following
 * its own symlinks too: allowing `/usr/bin/python3` allows the file it links to, and
 * `/bin/*` covers `/usr/bin` where `/bin` links there.
 *
 * @example
 * matchesPattern('/usr/bin/uname', '/usr/bin/uname', home); // true
 * matchesPattern('~/.local/bin/*', `${home}/.local/bin/rg`, home); // true
 * matchesPattern('rg', '/usr/bin/rg', home); // false
 */
export function matchesPattern(rawPattern: string, candidate: string, home: string): boolean {
  const pattern = rawPattern.trim();
  if (!PATH_SELECTOR.test(pattern)) return false;
  const expanded = expandHome(pattern, home);
  if (!/[*?]/.test(expanded)) {
    const target = candidate.toLowerCase();
    if (expanded.toLowerCase() === target) return true;
    try {
      return realpathSync(expanded).toLowerCase() === target;
    } catch {
      return false;
    }
  }
  return globRegExp(expanded).test(candidate) || globRegExp(realPrefix(expanded)).test(candidate);
}

/**
 * The pattern with its wildcard-free leading directories resolved: candidates are real
 * paths, so `/bin/*` must also be tried as `/usr/bin/*` where `/bin` links there.
 */
function realPrefix(pattern: string): string {
  const parts = pattern.split('/');
  const firstWild = parts.findIndex((part) => /[*?]/.test(part));
  const prefix = parts.slice(0, firstWild).join('/');
  if (prefix === '') return pattern;
  try {
    return [realpathSync(prefix), ...parts.slice(firstWild)].join('/');
  } catch {
    return pattern;
  }
}
