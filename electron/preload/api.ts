import { CHANNEL_NAMES, type ChannelName, type CompanionApi, type Result } from '../contract';

/** How a call reaches main: `ipcRenderer.invoke` in Electron, a `fetch` to the loopback host in a browser. */
export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/**
 * Builds the `window.companion` object: one function per contract channel, nothing else. Both the
 * Electron preload and the loopback host's browser preload use this, so the page sees the same API.
 */
export function createApi(invoke: Invoke): CompanionApi {
  const api: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
  for (const name of CHANNEL_NAMES) {
    api[name] = (input?: unknown) => invoke(name, input ?? {});
  }
  return Object.freeze(api) as unknown as CompanionApi;
}
