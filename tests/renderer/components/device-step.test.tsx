// @vitest-environment happy-dom
/**
 * The Device step: the address as the person typed or pasted it (a URL understood as its address and
 * said so, a wrong one explained, the unlock code never echoed), the check sent to the addresses read,
 * and the client's look-up failing beside the client.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput, ProbeInfo, Result, SnowballClientInfo } from '../../../electron/contract';
import { DeviceStep, type DeviceChoice } from '../../../renderer/src/pages/steps/DeviceStep';
import { InShell, installCompanion, pressable, removeCompanion } from './shell';

const findSnowballClient = vi.fn<() => Promise<Result<ChannelOutput<'findSnowballClient'>>>>();
const probeDevice = vi.fn<(input: unknown) => Promise<Result<ProbeInfo>>>();
const chooseSnowballClient = vi.fn<(input: unknown) => Promise<Result<SnowballClientInfo>>>();

beforeEach(() => {
  findSnowballClient.mockReset().mockResolvedValue({
    ok: true,
    value: { clients: [], problems: ['snowballEdge is not on PATH.'], simulatedSite: null },
  });
  probeDevice.mockReset();
  chooseSnowballClient.mockReset();
  installCompanion({ findSnowballClient, probeDevice, chooseSnowballClient });
});
afterEach(() => {
  cleanup();
  removeCompanion();
});

/** The step as a wizard holds it: the choice lives above and flows back in. */
function Holder() {
  const [choice, setChoice] = useState<DeviceChoice>({ hosts: [], client: null });
  return (
    <>
      <DeviceStep value={choice} onChange={setChoice} />
      <output data-testid="hosts">{choice.hosts.join(' ')}</output>
    </>
  );
}

async function show() {
  const user = userEvent.setup();
  render(
    <InShell>
      <Holder />
    </InShell>,
  );
  // The look for a client on opening has answered.
  await screen.findByText('snowballEdge is not on PATH.');
  return {
    user,
    address: () => screen.getByRole('textbox', { name: 'Device IP address' }),
    check: () => screen.getByRole('button', { name: 'Check the connection' }),
  };
}

describe('DeviceStep', () => {
  it('reads a pasted https://10.0.0.12:9091 as 10.0.0.12, says so, and checks that address', async () => {
    probeDevice.mockResolvedValue({
      ok: true,
      value: {
        host: '10.0.0.12',
        port: 8443,
        outcome: 'open',
        detail: 'HTTP 200',
        message: 'The device answers on 10.0.0.12.',
        hints: [],
        latencyMs: 3,
      },
    });
    const ui = await show();
    expect(pressable(ui.check())).toBe(false);
    await ui.user.click(ui.address());
    await ui.user.paste('https://10.0.0.12:9091');
    expect(screen.getByTestId('host-note').textContent).toBe(
      'Understood “https://10.0.0.12:9091” as 10.0.0.12. Paste only the IP address from the device’s LCD.',
    );
    expect(screen.getByTestId('hosts').textContent).toBe('10.0.0.12');
    expect(pressable(ui.check())).toBe(true);
    await ui.user.click(ui.check());
    expect(probeDevice).toHaveBeenCalledWith({ host: '10.0.0.12' });
    expect(await screen.findByText('10.0.0.12: answers')).toBeTruthy();
  });

  it('explains an address that is not one, and the check stays off until it is corrected', async () => {
    const ui = await show();
    await ui.user.type(ui.address(), '10.0.0.300');
    expect(
      screen.getByText(
        '“10.0.0.300” is not an IP address (four numbers from 0 to 255 separated by dots): read the IP address on the device’s LCD display (Connections tab), for example 192.168.1.50.',
      ),
    ).toBeTruthy();
    expect(ui.address().getAttribute('aria-invalid')).toBe('true');
    expect(pressable(ui.check())).toBe(false);
    await ui.user.clear(ui.address());
    await ui.user.type(ui.address(), '10.0.0.30');
    expect(screen.queryByText(/is not an IP address/)).toBeNull();
    expect(pressable(ui.check())).toBe(true);
    expect(probeDevice).not.toHaveBeenCalled();
  });

  it('says the unlock code is not an address, without showing the code back', async () => {
    const ui = await show();
    const code = 'AB12C-DE34F-GH56I-JK78L-MN90P';
    await ui.user.click(ui.address());
    await ui.user.paste(code);
    expect(screen.getByText(/That looks like the unlock code, not an address/)).toBeTruthy();
    const step = screen.getByTestId('device-step');
    // Only the field itself holds what was pasted; no message repeats it.
    expect(step.textContent).not.toContain(code);
    expect(screen.getByTestId('hosts').textContent).toBe('');
  });

  it("shows a client the service refuses under the client, in the contract's words", async () => {
    chooseSnowballClient.mockResolvedValue({
      ok: false,
      error: {
        code: 'CLIENT_NOT_FOUND',
        message: 'There is no file at /opt/nothing/snowballEdge. Check the path.',
        retryable: false,
      },
    });
    const ui = await show();
    const look = screen.getByRole('button', { name: 'Look at this client' });
    expect(pressable(look)).toBe(false);
    await ui.user.type(
      screen.getByRole('textbox', { name: 'Or choose the client’s executable' }),
      ' /opt/nothing/snowballEdge ',
    );
    await ui.user.click(look);
    expect(chooseSnowballClient).toHaveBeenCalledWith({ path: '/opt/nothing/snowballEdge' });
    expect(
      await screen.findByText('There is no file at /opt/nothing/snowballEdge. Check the path.'),
    ).toBeTruthy();
  });
});
