/**
 * Stops a client and everything it started. The Snowball Edge client is a shell script that starts a
 * bundled Java runtime, so killing only the script would leave Java running: on POSIX the client runs as
 * the leader of its own process group and the whole group is signalled; on Windows `taskkill /T` ends
 * the tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface KillOptions {
  platform?: NodeJS.Platform;
  /** How long the tree gets to stop after SIGTERM before SIGKILL. */
  graceMs?: number;
}

export async function killTree(child: ChildProcess, options: KillOptions = {}): Promise<void> {
  const { platform = process.platform, graceMs = 3000 } = options;
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = exitOf(child);
  if (platform === 'win32') {
    await new Promise<void>((resolve) => {
      const taskkill = spawn('taskkill', ['/PID', String(pid), '/T', '/F'], {
        stdio: 'ignore',
        windowsHide: true,
      });
      taskkill.once('error', () => resolve());
      taskkill.once('exit', () => resolve());
    });
    await Promise.race([exited, sleep(graceMs)]);
    return;
  }
  signalGroup(pid, 'SIGTERM', child);
  await Promise.race([exited, sleep(graceMs)]);
  // Whatever in the group ignored SIGTERM (or outlived its parent) goes now.
  signalGroup(pid, 'SIGKILL', child);
  await Promise.race([exited, sleep(graceMs)]);
}

function signalGroup(pid: number, signal: NodeJS.Signals, child: ChildProcess): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Not a group leader (or the group is gone already): signal the child itself.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
