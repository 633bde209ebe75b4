// @vitest-environment happy-dom
/**
 * The Unlock step's client profile (`snowballEdge configure`): off until the person accepts the plaintext
 * warning, then one call with what they chose; its failure in the contract's words.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../electron/contract';
import { ClientProfile } from '../../../renderer/src/pages/steps/ClientProfile';
import { pressable } from './shell';

const HANDLE = '0b5f3c3e-5f0a-4d53-9a53-6f7f6f2b1c11';
const configure = vi.fn<(input: unknown) => Promise<Result<unknown>>>();

beforeEach(() => {
  configure.mockReset();
  (window as unknown as { companion: unknown }).companion = { configureSnowballClient: configure };
});
afterEach(() => {
  cleanup();
  delete (window as unknown as { companion?: unknown }).companion;
});

async function show(user: ReturnType<typeof userEvent.setup>) {
  render(
    <ClientProfile
      handleId={HANDLE}
      manifestPath="/media/usb/JID1_manifest.bin"
      host="192.0.2.10"
      clientPath="/opt/snowball/bin/snowballEdge"
    />,
  );
  // Tucked away: the person opens the section first.
  await user.click(screen.getByRole('button', { name: /Save a profile for the snowballEdge command/ }));
  return {
    save: () => screen.getByRole('button', { name: 'Save the client profile' }),
    accept: () => screen.getByRole('checkbox', { name: /stored in plain text/ }),
    name: () => screen.getByRole('textbox'),
  };
}

describe('ClientProfile', () => {
  it('stays off until the person accepts the plaintext warning, and without a name', async () => {
    const user = userEvent.setup();
    const ui = await show(user);
    expect(pressable(ui.save())).toBe(false);
    await user.click(ui.accept());
    expect(pressable(ui.save())).toBe(true);
    await user.clear(ui.name());
    expect(pressable(ui.save())).toBe(false);
    expect(configure).not.toHaveBeenCalled();
  });

  it('sends what was chosen (the name trimmed, the plaintext accepted) and says where it went', async () => {
    configure.mockResolvedValue({
      ok: true,
      value: { profile: 'site', configFile: '/home/site/.aws/snowball/config/snowball-edge.config' },
    });
    const user = userEvent.setup();
    const ui = await show(user);
    await user.clear(ui.name());
    await user.type(ui.name(), '  site ');
    await user.click(ui.accept());
    await user.click(ui.save());
    expect(configure).toHaveBeenCalledWith({
      handleId: HANDLE,
      manifestPath: '/media/usb/JID1_manifest.bin',
      host: '192.0.2.10',
      clientPath: '/opt/snowball/bin/snowballEdge',
      profile: 'site',
      acceptPlaintext: true,
    });
    expect(
      await screen.findByText(
        'Profile “site” saved in /home/site/.aws/snowball/config/snowball-edge.config.',
      ),
    ).toBeTruthy();
  });

  it("shows a refusal in the contract's words", async () => {
    configure.mockResolvedValue({
      ok: false,
      error: {
        code: 'CLIENT_UNCONFIRMED',
        message: 'Confirm the client on the Device step first.',
        retryable: false,
      },
    });
    const user = userEvent.setup();
    const ui = await show(user);
    await user.click(ui.accept());
    await user.click(ui.save());
    expect(await screen.findByText('Confirm the client on the Device step first.')).toBeTruthy();
  });
});
