/**
 * A profile for the AWS CLI and SDKs in the shared files (honouring AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE): `[profile NAME]` in the config file with region, endpoint_url and
 * ca_bundle, `[NAME]` in the credentials file with the keys (the developer guide's "Getting and using
 * local Amazon S3 credentials"). Edited as text, so every other line — comments, other sections, the
 * file's line endings — stays byte for byte; a section of that name is replaced only when asked, and then
 * only its own lines (the comment block just above the next section stays with that section). Each file
 * is written atomically with its mode kept (0600 for a new one); if the second write fails the first file
 * gets its old text back.
 */
import { mkdir, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';
import { writeFileAtomic } from '../fs/atomic-write';
import { readSmallFile } from '../fs/read-small-file';
import type { sharedFiles } from '../sso/sso-settings';

export interface ProfileSpec {
  name: string;
  region: string;
  endpointUrl: string;
  caBundle: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ProfileLines {
  config: string[];
  credentials: string[];
}

/** The lines each file gets; `mask` shows the secret key as asterisks (for the preview). */
export function profileLines(spec: ProfileSpec, mask: boolean): ProfileLines {
  return {
    config: [
      `[profile ${spec.name}]`,
      `region = ${spec.region}`,
      `endpoint_url = ${spec.endpointUrl}`,
      `ca_bundle = ${spec.caBundle}`,
    ],
    credentials: [
      `[${spec.name}]`,
      `aws_access_key_id = ${spec.accessKeyId}`,
      `aws_secret_access_key = ${mask ? '*'.repeat(spec.secretAccessKey.length) : spec.secretAccessKey}`,
    ],
  };
}

const HEADER = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/;

/** The header names a profile may be written under in each file (the CLI reads `[profile x]`, some tools `[x]`). */
const namesIn = (file: 'config' | 'credentials', name: string) =>
  file === 'config' ? [`profile ${name}`, name] : [name, `profile ${name}`];

/** A file's lines, each with its own line ending. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Line indexes of the section's header and of the line after its last own line; null when absent. */
export function findSection(text: string, names: readonly string[]): { start: number; end: number } | null {
  const lines = linesOf(text);
  const start = lines.findIndex((line) => names.includes(HEADER.exec(line.trimEnd())?.[1] ?? '\0'));
  if (start < 0) return null;
  let next = lines.findIndex((line, i) => i > start && HEADER.test(line.trimEnd()));
  if (next < 0) next = lines.length;
  // Comments and blank lines right above the next header belong to it.
  let end = next;
  while (end > start + 1 && /^\s*([#;].*)?$/.test(lines[end - 1]?.trimEnd() ?? '')) end -= 1;
  return { start, end };
}

/** The text with the section added at the end, or (replace) put where the old one was. */
export function withSection(
  text: string,
  names: readonly string[],
  lines: readonly string[],
  replace: boolean,
): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = lines.map((l) => `${l}${eol}`).join('');
  const found = findSection(text, names);
  if (found && replace) {
    const all = linesOf(text);
    const before = all.slice(0, found.start).join('');
    const after = all.slice(found.end);
    // The next section keeps a blank line before it.
    const gap = after.length > 0 && !/^\s*$/.test(after[0] ?? '') ? eol : '';
    return `${before}${block}${gap}${after.join('')}`;
  }
  if (text === '') return block;
  const ended = /\r?\n$/.test(text) ? text : `${text}${eol}`;
  return `${ended}${eol}${block}`;
}

export type AwsFiles = ReturnType<typeof sharedFiles>;

interface Current {
  file: string;
  text: string;
  exists: boolean;
  mode: number;
}

/** The file as it is now ('' when it is not there); a link is followed to the person's own file. */
async function current(file: string): Promise<Current> {
  const real = await realpath(file).catch(() => file);
  const info = await stat(real).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!info) return { file: real, text: '', exists: false, mode: 0o600 };
  const bytes = await readSmallFile(real, {
    maxBytes: 1024 * 1024,
    what: 'an AWS configuration file',
    next: `Check ${file}: it should be the text file the AWS CLI keeps its profiles in.`,
  });
  return { file: real, text: bytes.toString('utf8'), exists: true, mode: info.mode & 0o777 };
}

/** Whether a profile of this name is in either file. */
export async function profileExists(
  files: AwsFiles,
  name: string,
): Promise<{ config: boolean; credentials: boolean }> {
  const [config, credentials] = await Promise.all([
    current(files.configFile),
    current(files.credentialsFile),
  ]);
  return {
    config: findSection(config.text, namesIn('config', name)) !== null,
    credentials: findSection(credentials.text, namesIn('credentials', name)) !== null,
  };
}

/** Adds (or, with `replace`, replaces) the profile in both files; PROFILE_EXISTS when it is there unasked. */
export async function writeProfile(
  files: AwsFiles,
  spec: ProfileSpec,
  replace: boolean,
): Promise<{ replaced: boolean }> {
  if (/[#;]/.test(spec.caBundle)) {
    throw new AppError(
      'DESTINATION_UNUSABLE',
      `The certificate's path ${spec.caBundle} holds # or ;, which some AWS tools read as the start of a comment. Save the certificate under a path without them.`,
    );
  }
  const lines = profileLines(spec, false);
  const config = await current(files.configFile);
  const credentials = await current(files.credentialsFile);
  const exists =
    findSection(config.text, namesIn('config', spec.name)) !== null ||
    findSection(credentials.text, namesIn('credentials', spec.name)) !== null;
  if (exists && !replace) {
    throw new AppError(
      'PROFILE_EXISTS',
      `A profile named ${spec.name} is already in ${files.configFile} or ${files.credentialsFile}. Nothing was changed: choose another name, or confirm that it may be replaced.`,
    );
  }
  await write(
    credentials,
    withSection(credentials.text, namesIn('credentials', spec.name), lines.credentials, replace),
  );
  try {
    await write(config, withSection(config.text, namesIn('config', spec.name), lines.config, replace));
  } catch (error) {
    await restore(credentials).catch(() => undefined);
    throw error;
  }
  return { replaced: exists };
}

async function write(before: Current, text: string): Promise<void> {
  await mkdir(path.dirname(before.file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(before.file, text, {
    overwrite: before.exists,
    mode: before.mode,
    // Someone else's edit since it was read would be lost: stop instead.
    check: async () => {
      const now = await current(before.file);
      if (now.text !== before.text || now.exists !== before.exists) {
        throw new AppError(
          'DESTINATION_UNUSABLE',
          `${before.file} changed while Snowball Companion was adding the profile, so nothing was written. Try again.`,
          { retryable: true },
        );
      }
    },
  });
}

async function restore(before: Current): Promise<void> {
  if (before.exists) await writeFileAtomic(before.file, before.text, { overwrite: true, mode: before.mode });
  else await unlink(before.file);
}
