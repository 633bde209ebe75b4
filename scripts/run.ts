import { spawnSync } from 'node:child_process';

/** Runs a command with the terminal attached; returns true when it exits 0. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  return result.status === 0;
}

/** True when the module with this URL is the script node was started with (POSIX and Windows paths). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && decodeURIComponent(moduleUrl).endsWith(entry.replace(/\\/g, '/'));
}
