import { CHANNEL_NAMES } from '../../electron/contract';
import type { Handlers } from '../../electron/main/ipc-registry';

export const APP_INFO = {
  name: 'Snowball Companion',
  version: '9.9.9',
  shell: 'browser' as const,
  platform: 'linux',
  nativeDialogs: false,
  demoRequested: false,
};

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
