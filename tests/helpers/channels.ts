/**
 * The real composition (core's service, the handlers) with every channel registered as Electron main
 * registers them, and a `call` that reaches them the way the window does: through the registry, from the
 * app's origin, with the result unwrapped (a failure is thrown as an Error carrying code and message).
 */
import path from 'node:path';
import { wireName, type ChannelName } from '../../electron/contract';
import { memoryClipboard } from '../../electron/core/ports';
import { composeApp, type ComposeOptions, type ComposedApp } from '../../electron/app/compose';
import type { ShellPorts } from '../../electron/app/handlers';
import { registerChannels, type RawHandler } from '../../electron/app/ipc-registry';

export const APP_ORIGIN = 'app://companion';

export interface ChannelClient {
  app: ComposedApp;
  call<T = unknown>(name: ChannelName, input?: unknown): Promise<T>;
}

/** A shell without native dialogs that opens no links. */
export const PLAIN_SHELL: ShellPorts = {
  appInfo: {
    name: 'Snowball Companion',
    version: '1.0.0',
    shell: 'electron',
    platform: process.platform,
    nativeDialogs: false,
    demoRequested: false,
  },
  dialogs: null,
  openExternal: async () => false,
};

/**
 * `home`: the test's own home folder, with no AWS files in it (the machine's credentials never enter a
 * test); folders count as the person's own, none as shared, unless the options say otherwise.
 */
export async function composeChannels(
  options: Omit<ComposeOptions, 'shell' | 'send' | 'clipboard'> &
    Partial<Pick<ComposeOptions, 'shell' | 'send' | 'clipboard'>> & { home: string },
): Promise<ChannelClient> {
  const { home, ...rest } = options;
  const app = await composeApp({
    shell: PLAIN_SHELL,
    send: () => undefined,
    clipboard: memoryClipboard(),
    env: {
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
    },
    separationEnv: { platform: process.platform, sharedRoots: [] },
    ...rest,
  });
  const routes = new Map<string, RawHandler>();
  // A handler answering a code its channel does not declare fails the test that made the call.
  let undeclared: string | null = null;
  registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, app.handlers, {
    trustedOrigin: APP_ORIGIN,
    onUndeclaredCode: (channel, code) => {
      undeclared = `${channel} answered ${code}, which electron/contract.ts does not declare for it`;
    },
  });
  const call = async <T>(name: ChannelName, input: unknown = {}): Promise<T> => {
    undeclared = null;
    const result = await routes.get(wireName(name))!({ origin: APP_ORIGIN, isMainFrame: true }, input);
    if (undeclared) throw new Error(undeclared);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  return { app, call };
}
