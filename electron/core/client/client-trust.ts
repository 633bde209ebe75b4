/**
 * Is this file a client the person can vouch for, and what exactly are they vouching for? Nothing runs
 * here: the file is looked at. Refused outright: a name that is not the client's, a link whose target is
 * not named like the client (a `snowballEdge` link to /bin/sh), a file or any folder on its path (as
 * given and as resolved) that another account can change — owned by someone other than the person or
 * root, or writable by group or others (a sticky folder such as /tmp is fine: others cannot replace what
 * is not theirs there). On Windows, where there are no such bits to read, the file must live under the
 * person's own folder or Program Files. What is vouched for is the file's SHA-256 and size.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, lstat, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../app-error';
import type { ClientKind } from './command-lines';

/** snowballEdge (Snowball Edge, Snowcone) or the legacy snowball, as shipped for each platform. */
export const CLIENT_FILE_NAME = /^snowball(edge)?(\.(exe|cmd|bat))?$/i;

const WHAT_TO_CHOOSE =
  'Choose the snowballEdge file in the bin folder of the extracted Snowball Edge client ' +
  '(snowballEdge.exe on Windows), or snowball for a legacy Snowball.';

export interface ClientFacts {
  /** As found or typed. */
  path: string;
  /** With every link resolved: what would actually run. */
  realPath: string;
  kind: ClientKind;
  owner: string | null;
  size: number;
  sha256: string;
}

export interface TrustEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export function kindOf(file: string): ClientKind {
  return /^snowballedge/i.test(path.basename(file)) ? 'snowballEdge' : 'snowball';
}

const invalid = (why: string, hint = WHAT_TO_CHOOSE) =>
  new AppError('CLIENT_INVALID', `${why} ${hint}`.trim());

export async function inspectClientFile(file: string, trustEnv: TrustEnv): Promise<ClientFacts> {
  const name = path.basename(file);
  if (!CLIENT_FILE_NAME.test(name)) throw invalid(`${name} is not the Snowball client.`);
  let info;
  try {
    info = await stat(file);
  } catch {
    throw invalid(`There is no file at ${file}.`);
  }
  if (info.isDirectory()) throw invalid(`${file} is a folder.`);
  if (!info.isFile()) throw invalid(`${file} is not a regular file.`);
  const realPath = await realpath(file);
  if (!CLIENT_FILE_NAME.test(path.basename(realPath))) {
    throw invalid(`${file} is a link to ${realPath}, which is not the Snowball client.`);
  }
  if (trustEnv.platform === 'win32') {
    const problem = windowsPlaceProblem(realPath, trustEnv.env);
    if (problem) throw invalid(problem, '');
  } else {
    try {
      await access(realPath, constants.X_OK);
    } catch {
      throw invalid(
        `${file} is not executable. Make it executable (chmod u+x "${file}") or extract the client again, then choose it again.`,
        '',
      );
    }
    const problem =
      (await posixChangeableBy(realPath, false)) ?? (await posixChangeableBy(path.resolve(file), true));
    if (problem) throw invalid(problem, '');
  }
  return {
    path: file,
    realPath,
    kind: kindOf(file),
    owner: ownerOf(info.uid, trustEnv.platform),
    size: info.size,
    sha256: await sha256Of(realPath),
  };
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function ownerOf(uid: number, platform: NodeJS.Platform): string | null {
  if (platform === 'win32') return null;
  if (uid === 0) return 'root';
  if (uid === process.getuid?.()) return `you (${os.userInfo().username})`;
  return `the account with user id ${uid}`;
}

/**
 * The first place on the way to `file` that another account could change, in words; null when there is
 * none. `followLinks`: the path as given (its folders may be links), else the resolved one.
 */
async function posixChangeableBy(file: string, followLinks: boolean): Promise<string | null> {
  const me = process.getuid?.() ?? 0;
  const places: string[] = [];
  for (let p = file; ; p = path.dirname(p)) {
    places.push(p);
    if (path.dirname(p) === p) break;
  }
  for (const [i, place] of places.entries()) {
    let info;
    try {
      info = followLinks ? await stat(place) : await lstat(place);
    } catch {
      continue;
    }
    const what = i === 0 ? `The client file ${place}` : `The folder ${place}, on the client's path,`;
    if (info.uid !== me && info.uid !== 0) {
      return `${what} belongs to another account (user id ${info.uid}), which could change what runs with your unlock code. Use a copy of the client in your own folder.`;
    }
    const sticky = (info.mode & 0o1000) !== 0 && info.isDirectory();
    if ((info.mode & 0o022) !== 0 && !sticky) {
      const who = (info.mode & 0o002) !== 0 ? 'every account' : 'its group';
      return `${what} can be changed by ${who} on this computer, who could then replace what runs with your unlock code. Run chmod go-w "${place}", or extract the client into your own folder, then choose it again.`;
    }
  }
  return null;
}

/** Windows: only under the person's own profile folder (not Public) or Program Files. */
export function windowsPlaceProblem(file: string, env: NodeJS.ProcessEnv): string | null {
  const value = (name: string) => {
    const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
    return key === undefined ? undefined : env[key];
  };
  const norm = (p: string) => path.win32.resolve(p).toLowerCase().replace(/\\+$/, '');
  const inside = (root: string | undefined) =>
    root !== undefined && root !== '' && norm(file).startsWith(`${norm(root)}\\`);
  if (inside(value('PUBLIC'))) {
    return `${file} is in the Public folder, which every account on this computer can change. Install the client with its installer (Program Files) or keep it in your own folder.`;
  }
  const allowed = ['USERPROFILE', 'ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432'].some((n) =>
    inside(value(n)),
  );
  return allowed
    ? null
    : `${file} is outside your own folder and Program Files, where other accounts on this computer may be able to change it. Install the client with its installer (Program Files) or keep it in your own folder.`;
}

/** What the person is shown before they vouch for a file, one fact a line (the dialog, the terminal). */
export function factLines(facts: ClientFacts): string[] {
  return [
    `Path: ${facts.path}`,
    ...(facts.realPath !== facts.path ? [`Which is: ${facts.realPath}`] : []),
    `Owner: ${facts.owner ?? 'not known'}`,
    `Size: ${facts.size} bytes`,
    `SHA-256: ${facts.sha256}`,
  ];
}
