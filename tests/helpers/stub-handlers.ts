import { CHANNEL_NAMES } from '../../electron/contract';
import type { Handlers } from '../../electron/app/ipc-registry';
import { APP_INFO } from '../../testkit/app-info';

/**
 * Handlers for testing the transport and registry alone: getAppInfo answers, every other channel fails
 * loudly if a test reaches it by mistake.
 */
export function stubHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = async () => {
    throw new Error('this channel is not part of the test');
  };
  return {
    ...(Object.fromEntries(CHANNEL_NAMES.map((name) => [name, unused])) as unknown as Handlers),
    getAppInfo: async () => APP_INFO,
    ...overrides,
  };
}
