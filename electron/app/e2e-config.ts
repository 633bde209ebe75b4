/**
 * Knobs for the e2e specs when they run under Electron itself (the release workflow): an emulator the
 * test process started, a short clipboard countdown, quick unlock polling, a local stand-in for the
 * device's port. Read from COMPANION_E2E_CONFIG, and never in a packaged app.
 */
import { z } from 'zod';
import { SnowballClientLauncher } from '../core/client/snowball-client-launcher';
import { ExternalDemoAccount } from '../core/demo-account';
import type { ComposeOptions } from './compose';

const e2eConfigSchema = z
  .object({
    demoEndpoint: z.url().optional(),
    clipboardMs: z.number().int().positive().optional(),
    sharedRoots: z.array(z.string()).optional(),
    /** The spec stands in for the person at the client confirmation (a native dialog it cannot click). */
    approveClients: z.literal(true).optional(),
    launcher: z
      .object({
        pollIntervalMs: z.number().int().positive(),
        probePort: z.number().int().min(1).max(65535),
        probeTimeoutMs: z.number().int().positive(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type E2eOverrides = Partial<
  Pick<ComposeOptions, 'demo' | 'clipboardMs' | 'separationEnv' | 'launcher' | 'askToRunClient'>
>;

export function e2eOverrides(
  raw: string | undefined,
  packaged: boolean,
  env: NodeJS.ProcessEnv,
): E2eOverrides {
  if (!raw || packaged) return {};
  const config = e2eConfigSchema.parse(JSON.parse(raw));
  return {
    ...(config.demoEndpoint ? { demo: new ExternalDemoAccount(config.demoEndpoint) } : {}),
    ...(config.clipboardMs ? { clipboardMs: config.clipboardMs } : {}),
    ...(config.sharedRoots
      ? { separationEnv: { platform: process.platform, sharedRoots: config.sharedRoots } }
      : {}),
    ...(config.launcher ? { launcher: new SnowballClientLauncher({ env, ...config.launcher }) } : {}),
    ...(config.approveClients ? { askToRunClient: async () => true } : {}),
  };
}
