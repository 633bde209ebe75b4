import { describe, expect, it } from 'vitest';
import { SnowballClientLauncher } from '../../electron/core/client/snowball-client-launcher';
import { ExternalDemoAccount } from '../../electron/core/demo-account';
import { e2eOverrides } from '../../electron/app/e2e-config';

const config = JSON.stringify({
  demoEndpoint: 'http://127.0.0.1:4566',
  clipboardMs: 4000,
  sharedRoots: [],
  launcher: { pollIntervalMs: 250, probePort: 9999 },
  approveClients: true,
});

describe('e2eOverrides', () => {
  it('applies the e2e knobs to an unpackaged run', async () => {
    const overrides = e2eOverrides(config, false, {});
    expect(overrides.clipboardMs).toBe(4000);
    expect(overrides.separationEnv).toEqual({ platform: process.platform, sharedRoots: [] });
    expect(overrides.launcher).toBeInstanceOf(SnowballClientLauncher);
    expect(overrides.demo).toBeInstanceOf(ExternalDemoAccount);
    expect(await overrides.demo!.ensureStarted()).toMatchObject({ endpoint: 'http://127.0.0.1:4566' });
    // The spec stands in for the person at the client's native confirmation, which it cannot click.
    expect(await overrides.askToRunClient!({} as never)).toBe(true);
  });

  it('ignores them in a packaged app, and without the variable', () => {
    // A packaged app never approves a client on its own.
    expect(e2eOverrides(config, true, {})).toEqual({});
    expect(e2eOverrides(undefined, false, {})).toEqual({});
  });

  it('refuses a knob it does not know', () => {
    expect(() => e2eOverrides(JSON.stringify({ nodeIntegration: true }), false, {})).toThrow(
      /Unrecognized key/,
    );
  });
});
