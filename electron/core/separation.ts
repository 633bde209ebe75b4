/**
 * The separation policy: the manifest and the unlock code together unlock the device, so they must not
 * be kept in the same place. Blocks what is plainly the same place; warns where a single loss or leak
 * would still expose both; explains itself in words a person on site can act on.
 */
import { realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CodeLocationInfo, SeparationInfo } from '../contract';
import { idOf, sameId, type FileId, type ResolvedFolder } from './fs/held-folder';

type SeparationReason = SeparationInfo['reasons'][number];

export interface SeparationEnv {
  platform: NodeJS.Platform;
  /** Folders shared by every user of the computer or emptied on restart; anything under them warns. */
  sharedRoots: string[];
}

export function defaultSeparationEnv(platform: NodeJS.Platform = process.platform): SeparationEnv {
  const sharedRoots =
    platform === 'win32'
      ? [path.win32.join(process.env.PUBLIC ?? 'C:\\Users\\Public'), path.win32.resolve(os.tmpdir())]
      : ['/tmp', '/var/tmp', '/dev/shm', platform === 'darwin' ? '/Users/Shared' : '', os.tmpdir()].filter(
          Boolean,
        );
  return { platform, sharedRoots };
}

const WHY =
  'Anyone holding both the manifest and the unlock code can unlock the device, so keep them apart ' +
  '(for example the manifest on a USB stick and the code in a password manager).';

/** Folder names of the common sync clients, matched as whole path segments. */
const SYNCED_SEGMENTS: [RegExp, string][] = [
  [/^Dropbox( \(.+\))?$/i, 'Dropbox'],
  [/^OneDrive( - .+)?$/i, 'OneDrive'],
  [/^(Google Drive|GoogleDrive|My Drive)$/i, 'Google Drive'],
  [/^iCloud Drive( \(Archive\))?$/i, 'iCloud Drive'],
  [/^Mobile Documents$/, 'iCloud Drive'],
  [/^CloudStorage$/, 'a cloud storage provider'],
];

/**
 * `heldFolder`: the code's folder as the writer opened it (held-folder.ts), so the verdict is about the
 * folder the code will really go into, compared by identity as well as by path.
 */
export async function checkSeparation(
  manifestPath: string,
  code: CodeLocationInfo,
  env: SeparationEnv = defaultSeparationEnv(),
  heldFolder?: ResolvedFolder,
): Promise<SeparationInfo> {
  if (code.kind === 'off-disk') {
    const where = { clipboard: 'the clipboard', 'password-manager': 'a password manager', paper: 'paper' }[
      code.how
    ];
    return {
      verdict: 'ok',
      reasons: [
        {
          rule: 'off-disk',
          message: `The unlock code goes to ${where}, not to a file on this computer, so it is kept apart from the manifest.`,
        },
      ],
    };
  }

  const manifest = await resolveExisting(manifestPath);
  const codeFolder = heldFolder?.path ?? (await resolveExisting(path.dirname(code.path)));
  const codeFile = path.join(codeFolder, path.basename(code.path));
  const manifestFolder = path.dirname(manifest);
  const same = (a: string, b: string) => normalise(a, env) === normalise(b, env);
  const inside = (child: string, parent: string) => isInside(normalise(child, env), normalise(parent, env));
  // One folder under two names (a bind mount, a case-insensitive spelling) is still one folder.
  const [manifestId, codeId] = await Promise.all([
    identityOf(manifestFolder),
    heldFolder ? heldFolder.id : identityOf(codeFolder),
  ]);
  const sameFolder =
    same(codeFolder, manifestFolder) ||
    (manifestId !== null && codeId !== null && sameId(manifestId, codeId));

  if (sameFolder && same(path.basename(codeFile), path.basename(manifest))) {
    return block('same-file', 'That is the manifest file itself. Save the unlock code somewhere else.');
  }
  if (sameFolder) {
    return block('same-folder', `The manifest is already in ${manifestFolder}. ${WHY}`);
  }
  if (inside(codeFolder, manifestFolder) || inside(manifestFolder, codeFolder)) {
    return block(
      'nested-folder',
      `${codeFolder} and ${manifestFolder} are one inside the other, so copying or sharing one folder takes both. ${WHY}`,
    );
  }

  const warnings: SeparationReason[] = [];
  if (manifestId !== null && codeId !== null && manifestId.dev === codeId.dev) {
    warnings.push({
      rule: 'same-volume',
      message:
        'The manifest and the unlock code would be on the same drive, so losing this computer or drive loses both. ' +
        'Better: keep the manifest on a USB stick and the code on the laptop or in a password manager.',
    });
  }
  for (const [which, folder] of [
    ['unlock code', codeFolder],
    ['manifest', manifestFolder],
  ] as const) {
    const provider = syncProvider(folder);
    if (provider) {
      warnings.push({
        rule: 'cloud-synced',
        message: `The ${which} folder ${folder} is synced to ${provider}, so a copy leaves this computer. Prefer a folder that is not synced.`,
      });
    }
  }
  const shared = await sharedFolderProblem(codeFolder, env);
  if (shared) warnings.push({ rule: 'shared-folder', message: shared });

  if (warnings.length > 0) return { verdict: 'warn', reasons: warnings };
  return {
    verdict: 'ok',
    reasons: [
      {
        rule: 'apart',
        message: 'The unlock code and the manifest are on different drives, in folders that are not synced.',
      },
    ],
  };
}

function block(rule: SeparationReason['rule'], message: string): SeparationInfo {
  return { verdict: 'block', reasons: [{ rule, message }] };
}

/** Real path with symlinks resolved, so a link cannot hide that two places are one. */
async function resolveExisting(target: string): Promise<string> {
  try {
    return await realpath(path.resolve(target));
  } catch {
    return path.resolve(target);
  }
}

/** macOS and Windows file systems are case-insensitive by default. */
function normalise(target: string, env: SeparationEnv): string {
  return env.platform === 'win32' || env.platform === 'darwin' ? target.toLowerCase() : target;
}

async function identityOf(folder: string): Promise<FileId | null> {
  try {
    return idOf(await stat(folder, { bigint: true }));
  } catch {
    return null;
  }
}

export function syncProvider(folder: string): string | null {
  for (const segment of folder.split(/[\\/]+/)) {
    for (const [pattern, name] of SYNCED_SEGMENTS) if (pattern.test(segment)) return name;
  }
  return null;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A folder other people on this computer can write to or routinely browse. */
async function sharedFolderProblem(folder: string, env: SeparationEnv): Promise<string | null> {
  // Roots are resolved like the folder (macOS: /tmp is /private/tmp).
  const roots = await Promise.all(env.sharedRoots.map(resolveExisting));
  const f = normalise(folder, env);
  const known = roots.some((root) => {
    const r = normalise(root, env);
    return f === r || isInside(f, r);
  });
  if (known) {
    return `${folder} is a shared location that other users of this computer can see, and temporary folders are emptied. Choose a folder in your own account or off this computer.`;
  }
  if (env.platform === 'win32') return null;
  try {
    const { mode } = await stat(folder);
    if (mode & 0o002) {
      return `Other users of this computer can add or remove files in ${folder}. Choose a folder only you can write to.`;
    }
  } catch {
    return null;
  }
  return null;
}
