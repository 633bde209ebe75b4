/**
 * The desktop clipboard port through the fake `electron`: the unlock code is written in one entry with
 * the markers each platform's clipboard managers and history honour, and cleared with all of them.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeState, resetFake } from '../helpers/electron-fake';

vi.mock('electron', async () => (await import('../helpers/electron-fake')).electronFake());
const { desktopClipboard } = await import('../../electron/main/clipboard');

const CODE = 'a1b2c-3d4e5-f6g7h-8i9j0-klmno';
const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

/** What the fake clipboard holds besides the text, with Blob payloads read as bytes. */
async function markers(): Promise<Record<string, string | number[]>> {
  const entries = Object.entries(fakeState().clipboardFormats);
  return Object.fromEntries(
    await Promise.all(
      entries.map(async ([type, value]) => [
        type,
        value instanceof Blob ? [...new Uint8Array(await value.arrayBuffer())] : (value as string),
      ]),
    ),
  );
}

beforeEach(() => resetFake());

describe('the desktop clipboard', () => {
  it('marks the code as concealed on macOS (nspasteboard.org)', async () => {
    await desktopClipboard('darwin').writeSecret(CODE);
    expect(fakeState().clipboardText).toBe(CODE);
    expect(await markers()).toEqual({ [raw('org.nspasteboard.ConcealedType')]: '' });
  });

  it('keeps the code out of Windows clipboard history, the cloud clipboard and monitors', async () => {
    await desktopClipboard('win32').writeSecret(CODE);
    expect(fakeState().clipboardText).toBe(CODE);
    expect(await markers()).toEqual({
      [raw('ExcludeClipboardContentFromMonitorProcessing')]: '',
      [raw('CanIncludeInClipboardHistory')]: [0, 0, 0, 0],
      [raw('CanUploadToCloudClipboard')]: [0, 0, 0, 0],
    });
  });

  it('gives KDE’s clipboard manager its password hint on Linux', async () => {
    await desktopClipboard('linux').writeSecret(CODE);
    expect(await markers()).toEqual({ [raw('x-kde-passwordManagerHint')]: 'secret' });
  });

  it('reads the text back and clears the text with its markers', async () => {
    const clipboard = desktopClipboard('darwin');
    await clipboard.writeSecret(CODE);
    expect(await clipboard.readText()).toBe(CODE);
    await clipboard.clear();
    expect(fakeState().clipboardText).toBe('');
    expect(await markers()).toEqual({});
  });
});
