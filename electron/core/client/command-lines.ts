/**
 * The Snowball clients' command lines, as documented: argument arrays (never a shell string, so paths
 * with spaces or quotes pass through intact), and how each is shown to people with the code redacted.
 */
import path from 'node:path';
import { redactSecrets } from '../redact';
import type { SnowballClientInfo } from '../../contract';

export type ClientKind = SnowballClientInfo['kind'];

export interface UnlockTarget {
  hosts: string[];
  manifestPath: string;
  code: string;
}

/**
 * `unlock-device` / `unlock-cluster --device-ip-addresses …`, the code in the profile named `profile`
 * (its private config home); the legacy client has no profiles and takes the code as `snowball start
 * -u`, which runs only after the person agreed to that.
 */
export function unlockArgs(kind: ClientKind, target: UnlockTarget, profile: string): string[] {
  if (kind === 'snowball') {
    return ['start', '-i', target.hosts[0] ?? '', '-m', target.manifestPath, '-u', target.code];
  }
  const cluster = target.hosts.length > 1;
  return [
    cluster ? 'unlock-cluster' : 'unlock-device',
    '--profile',
    profile,
    ...(cluster ? ['--device-ip-addresses', ...target.hosts] : []),
  ];
}

/**
 * `describe-device`, or `describe-cluster` in its documented form (manifest, code and one node's
 * endpoint, here from the profile: it reports every node), or the legacy `snowball status` (which remembers `start`).
 */
export function statusArgs(kind: ClientKind, target: UnlockTarget, profile: string): string[] {
  if (kind === 'snowball') return ['status'];
  return [target.hosts.length > 1 ? 'describe-cluster' : 'describe-device', '--profile', profile];
}

export const VERSION_ARGS = ['version'] as const;

/** The prompted form: the client asks for manifest path, code and endpoint on standard input. */
export function configureArgs(profile: string): string[] {
  return ['configure', '--profile', profile];
}

/** A command line for people: quoted where needed, every secret replaced. */
export function displayCommandLine(
  file: string,
  args: readonly string[],
  code: string,
  platform: NodeJS.Platform = process.platform,
): string {
  const quote = platform === 'win32' ? quoteWindows : quotePosix;
  return redactSecrets([file, ...args].map(quote).join(' '), [code]);
}

function quotePosix(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function quoteWindows(arg: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
}

export interface SpawnPlan {
  command: string;
  args: string[];
  windowsVerbatimArguments: boolean;
}

/**
 * What to hand to spawn(). Windows runs .cmd and .bat files only through cmd.exe; there every argument
 * is quoted and cmd's metacharacters are escaped with ^ (the scheme of cross-spawn), so a path or code is
 * never interpreted. Everything else is executed directly.
 */
export function spawnPlan(
  file: string,
  args: readonly string[],
  platform: NodeJS.Platform = process.platform,
  comSpec = 'cmd.exe',
): SpawnPlan {
  if (platform !== 'win32' || !/\.(cmd|bat)$/i.test(file)) {
    return { command: file, args: [...args], windowsVerbatimArguments: false };
  }
  const line = [escapeCmdCommand(path.win32.normalize(file)), ...args.map(escapeCmdArgument)].join(' ');
  return { command: comSpec, args: ['/d', '/s', '/c', `"${line}"`], windowsVerbatimArguments: true };
}

const CMD_META = /([()\][%!^"`<>&|;, *?])/g;

function escapeCmdCommand(file: string): string {
  return file.replace(CMD_META, '^$1');
}

export function escapeCmdArgument(arg: string): string {
  // Backslashes before a quote, and at the end (before the closing quote), are doubled; quotes escaped.
  let out = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\*)$/, '$1$1');
  out = `"${out}"`;
  return out.replace(CMD_META, '^$1');
}
