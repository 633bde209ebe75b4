/**
 * The formats that tell clipboard managers and the system's clipboard history to skip an entry (the
 * unlock code), per platform: macOS's `org.nspasteboard.ConcealedType` (nspasteboard.org), Windows'
 * clipboard-history and monitor exclusion formats, KDE Klipper's password-manager hint on Linux. Named as
 * Electron's raw platform formats (`electron application/osclipboard;format="…"`), which main writes
 * together with the text in one atomic write: a string payload is written as UTF-8, a Blob as bytes.
 */
const raw = (format: string) => `electron application/osclipboard;format="${format}"`;
/** A Windows DWORD of 0: "no" to the clipboard history and the cloud clipboard. */
const no = () => new Blob([new Uint8Array(4)]);

/** The formats that mark an entry as secret, per platform; none where there is no such convention. */
export function secretMarkers(platform: NodeJS.Platform): Record<string, string | Blob> {
  switch (platform) {
    case 'darwin':
      return { [raw('org.nspasteboard.ConcealedType')]: '' };
    case 'win32':
      return {
        [raw('ExcludeClipboardContentFromMonitorProcessing')]: '',
        [raw('CanIncludeInClipboardHistory')]: no(),
        [raw('CanUploadToCloudClipboard')]: no(),
      };
    case 'linux':
      return { [raw('x-kde-passwordManagerHint')]: 'secret' };
    default:
      return {};
  }
}
