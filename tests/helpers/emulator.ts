import { afterAll, beforeAll } from 'vitest';
import { DEMO_CREDENTIALS, start, type Emulator, type StartOptions } from '../../emulator';
import { connect, type AwsSession, type ClientOptions } from '../../electron/core/session';

/**
 * One emulator (real HTTP on 127.0.0.1) and a session connected to it with the demo keys, for a test
 * file. The session is built by core's own connect(), exactly as the app does it.
 */
export function useEmulator(options: StartOptions = {}, clientOptions: ClientOptions = {}) {
  const ctx = {} as { emulator: Emulator; session: AwsSession };
  beforeAll(async () => {
    ctx.emulator = await start({ seed: 'core-tests', ...options });
    ctx.session = await connect(
      { kind: 'session-keys', ...DEMO_CREDENTIALS },
      { endpoint: ctx.emulator.url, homeRegion: 'us-west-2', ...clientOptions },
    );
  });
  afterAll(async () => {
    ctx.session?.close();
    await ctx.emulator?.stop();
  });
  return ctx;
}
