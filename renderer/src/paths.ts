/** Paths as the user types them: absolute on POSIX (/…) or Windows (C:\… or \\server\…). */
export function isAbsolutePath(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}

/** Joins a folder and a file name with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? folder + name : `${folder}${separator}${name}`;
}

export function dirname(file: string): string {
  const index = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return index <= 0 ? file.slice(0, index + 1) : file.slice(0, index);
}

/**
 * The job a manifest belongs to, from its file name as AWS and this app name it
 * (`JID…_manifest.bin`); null for any other name.
 */
export function jobIdOfManifest(file: string): string | null {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const match =
    /^((?:J|M)ID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_manifest\.bin$/.exec(name);
  return match?.[1] ?? null;
}
