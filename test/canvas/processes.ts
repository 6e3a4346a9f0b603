import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly cmdline: string;
}

/** Every live process below `root` in the process tree, from /proc. */
export function descendants(root: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses; the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Exited while we looked.
    }
  }
  const out: ProcessInfo[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push({ pid, cmdline: cmdline(pid) });
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Those of `pids` that are still running (zombies count as gone). */
export function alive(pids: readonly number[]): number[] {
  return pids.filter((pid) => {
    try {
      return !/^\S+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  });
}

/** Chromium processes (browser, renderers, GPU and utility helpers) among `processes`. */
export function chromiumProcesses(processes: readonly ProcessInfo[]): ProcessInfo[] {
  return processes.filter((p) => /chrom/i.test(p.cmdline.split(' ')[0] ?? ''));
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}
