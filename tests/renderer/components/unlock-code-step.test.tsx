// @vitest-environment happy-dom
/**
 * The unlock-code step: the separation verdict follows the place the person chose (a blocking one keeps
 * the save off and goes when the place changes; a warning needs their word), and each failure shows
 * beside the control that caused it.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ChannelInput,
  ChannelOutput,
  JobSummaryInfo,
  Result,
  SeparationInfo,
  UnlockCodeHandleInfo,
} from '../../../electron/contract';
import { UnlockCodeStep, type StoredCode } from '../../../renderer/src/pages/receive/UnlockCodeStep';
import { InShell, installCompanion, pressable, removeCompanion } from './shell';

const JOB: JobSummaryInfo = {
  jobId: 'JID123e4567-e89b-12d3-a456-426655440000',
  state: 'Delivered',
  jobType: 'IMPORT',
  snowballType: 'EDGE',
  description: 'Site A',
  isMaster: false,
  createdAt: null,
  region: 'us-west-2',
  readyToUnlock: true,
  credentials: null,
};
const MANIFEST = '/media/usb/JID123_manifest.bin';
const HANDLE: UnlockCodeHandleInfo = { id: 'handle-1', jobId: JOB.jobId, expiresAt: Date.now() + 3_600_000 };
const ON_STICK = '/media/usb/unlock-code.txt';
const APART = '/home/site/Documents/unlock-code.txt';
const SYNCED = '/home/site/Dropbox/unlock-code.txt';

const checkSeparation = vi.fn<(input: ChannelInput<'checkSeparation'>) => Promise<Result<SeparationInfo>>>();
const saveUnlockCode = vi.fn<(input: unknown) => Promise<Result<ChannelOutput<'saveUnlockCode'>>>>();
const fetchUnlockCode = vi.fn<(input: unknown) => Promise<Result<UnlockCodeHandleInfo>>>();

/** What the service says of each place, as its rules would. */
function verdictFor(location: ChannelInput<'checkSeparation'>['location']): SeparationInfo {
  if (location.kind === 'off-disk')
    return {
      verdict: 'ok',
      reasons: [{ rule: 'off-disk', message: 'Off this computer: apart from the manifest.' }],
    };
  if (location.path === ON_STICK)
    return {
      verdict: 'block',
      reasons: [{ rule: 'same-folder', message: 'This is the folder that holds the manifest.' }],
    };
  if (location.path === SYNCED)
    return {
      verdict: 'warn',
      reasons: [{ rule: 'cloud-synced', message: 'This folder is synced to a cloud service.' }],
    };
  return { verdict: 'ok', reasons: [{ rule: 'apart', message: 'On another drive from the manifest.' }] };
}

beforeEach(() => {
  checkSeparation
    .mockReset()
    .mockImplementation(async ({ location }) => ({ ok: true, value: verdictFor(location) }));
  saveUnlockCode.mockReset();
  fetchUnlockCode.mockReset();
  installCompanion({ checkSeparation, saveUnlockCode, fetchUnlockCode });
});
afterEach(() => {
  cleanup();
  removeCompanion();
});

function Holder({ initialHandle }: { initialHandle: UnlockCodeHandleInfo | null }) {
  const [handle, setHandle] = useState(initialHandle);
  const [stored, setStored] = useState<StoredCode | null>(null);
  return (
    <UnlockCodeStep
      job={JOB}
      manifestPath={MANIFEST}
      initialFolder=""
      handle={handle}
      onHandle={setHandle}
      stored={stored}
      onStored={setStored}
    />
  );
}

async function showFile() {
  const user = userEvent.setup();
  render(
    <InShell>
      <Holder initialHandle={HANDLE} />
    </InShell>,
  );
  await user.click(screen.getByRole('radio', { name: /In a file/ }));
  const field = () => screen.getByRole('textbox', { name: 'File for the unlock code' });
  return {
    user,
    save: () => screen.getByRole('button', { name: 'Save the code to this file' }),
    choose: async (path: string) => {
      await user.clear(field());
      await user.click(field());
      await user.paste(path);
    },
  };
}

describe('UnlockCodeStep', () => {
  it('blocks a place beside the manifest, and the block goes when the place changes', async () => {
    const ui = await showFile();
    await ui.choose(ON_STICK);
    expect(await screen.findByText('Not here')).toBeTruthy();
    expect(screen.getByTestId('separation-reason').textContent).toBe(
      'This is the folder that holds the manifest.',
    );
    expect(pressable(ui.save())).toBe(false);
    expect(checkSeparation).toHaveBeenLastCalledWith({
      manifestPath: MANIFEST,
      location: { kind: 'file', path: ON_STICK },
    });

    await ui.choose(APART);
    // The verdict belonged to the old place: gone at once, before the new one is asked.
    expect(screen.queryByText('Not here')).toBeNull();
    expect(await screen.findByText('On another drive from the manifest.')).toBeTruthy();
    expect(pressable(ui.save())).toBe(true);
  });

  it('keeps the save off at a warning until the person gives their word, and asks again for a new place', async () => {
    const ui = await showFile();
    await ui.choose(SYNCED);
    expect(await screen.findByText('Think twice about this place')).toBeTruthy();
    expect(pressable(ui.save())).toBe(false);
    await ui.user.click(screen.getByRole('checkbox', { name: /keep the code here anyway/ }));
    expect(pressable(ui.save())).toBe(true);

    saveUnlockCode.mockResolvedValue({
      ok: true,
      value: { path: SYNCED, separation: verdictFor({ kind: 'file', path: SYNCED }) },
    });
    await ui.user.click(ui.save());
    expect(saveUnlockCode).toHaveBeenCalledWith({
      handleId: HANDLE.id,
      jobId: JOB.jobId,
      path: SYNCED,
      acceptWarnings: true,
      overwrite: false,
    });
    expect(await screen.findByText(`Saved to ${SYNCED}.`)).toBeTruthy();

    // Choosing the place again takes the word back.
    await ui.choose(`${SYNCED}.2`);
    await ui.choose(SYNCED);
    const accept = await screen.findByRole('checkbox', { name: /keep the code here anyway/ });
    expect((accept as HTMLInputElement).checked).toBe(false);
  });

  it('shows a save that found a file beside the save button, with a way to replace it', async () => {
    saveUnlockCode
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'FILE_EXISTS', message: `There is already a file at ${APART}.`, retryable: false },
      })
      .mockResolvedValueOnce({
        ok: true,
        value: { path: APART, separation: verdictFor({ kind: 'file', path: APART }) },
      });
    const ui = await showFile();
    await ui.choose(APART);
    await screen.findByText('On another drive from the manifest.');
    await ui.user.click(ui.save());
    expect(await screen.findByText(`There is already a file at ${APART}.`)).toBeTruthy();
    // In the save's own box (with the verdict), not up by the code.
    expect(ui.save().closest('.sc-scroll-margin')?.contains(screen.getByTestId('error-message'))).toBe(true);
    await ui.user.click(screen.getByRole('button', { name: 'Replace the existing file' }));
    expect(saveUnlockCode).toHaveBeenLastCalledWith(
      expect.objectContaining({ path: APART, overwrite: true }),
    );
    expect(await screen.findByText(`Saved to ${APART}.`)).toBeTruthy();
    expect(screen.queryByText(`There is already a file at ${APART}.`)).toBeNull();
  });

  it('shows a failed fetch under the code with a retry, and moves focus to Reveal once it arrives', async () => {
    fetchUnlockCode
      .mockResolvedValueOnce({
        ok: false,
        error: {
          code: 'NETWORK',
          message: 'AWS could not be reached. Check the network and try again.',
          retryable: true,
        },
      })
      .mockResolvedValueOnce({ ok: true, value: HANDLE });
    const user = userEvent.setup();
    render(
      <InShell>
        <Holder initialHandle={null} />
      </InShell>,
    );
    await user.click(screen.getByRole('button', { name: 'Get the unlock code' }));
    expect(
      await screen.findByText('AWS could not be reached. Check the network and try again.'),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    const reveal = await screen.findByRole('button', { name: 'Reveal' });
    expect(document.activeElement).toBe(reveal);
    expect(screen.queryByText(/AWS could not be reached/)).toBeNull();
    expect(fetchUnlockCode).toHaveBeenCalledWith({ jobId: JOB.jobId, region: JOB.region });
  });
});
