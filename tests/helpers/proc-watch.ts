/**
 * Watches the processes of this machine while something runs, as another local user or an audit tool
 * would: every few milliseconds each new process's /proc/<pid>/cmdline (and, for our own, environ) is
 * read. Linux only (`available` says so). No Vitest import: the Playwright gate uses it too.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface SeenProcess {
  pid: number;
  /** The arguments, joined by spaces. */
  cmdline: string;
  /** NAME=value lines; empty when it could not be read. */
  environ: string[];
}

export const available = process.platform === 'linux';

/** The parent of a process, from /proc/<pid>/stat (the field after the name in parentheses). */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Whether `pid` descends from `root` (so another session's processes on a shared machine are not ours). */
function descendsFrom(pid: number, root: number): boolean {
  for (let p: number | null = pid, hops = 0; p !== null && p > 1 && hops < 64; hops++) {
    if (p === root) return true;
    p = parentOf(p);
  }
  return false;
}

/**
 * Every process started while watching whose command line `match` takes; with `descendantsOf`, only
 * those that descend from that process (the app's children and theirs).
 */
export function watchProcesses(
  match: (cmdline: string) => boolean,
  { everyMs = 3, descendantsOf }: { everyMs?: number; descendantsOf?: number } = {},
) {
  const seen = new Map<number, SeenProcess>();
  const scan = () => {
    let names: string[];
    try {
      names = readdirSync('/proc');
    } catch {
      return;
    }
    for (const name of names) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      if (seen.has(pid)) continue;
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      } catch {
        continue;
      }
      if (!match(cmdline)) continue;
      if (descendantsOf !== undefined && !descendsFrom(pid, descendantsOf)) continue;
      let environ: string[] = [];
      try {
        environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
      } catch {
        // another account's process: its arguments are readable, its environment is not
      }
      seen.set(pid, { pid, cmdline, environ });
    }
  };
  const timer = setInterval(scan, everyMs);
  return {
    seen,
    /** Stops watching (after one last look) and returns what was seen. */
    stop(): SeenProcess[] {
      clearInterval(timer);
      scan();
      return [...seen.values()];
    },
  };
}
