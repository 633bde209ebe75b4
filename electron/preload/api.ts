import type { CompanionApi, Result } from '../contract';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from '../contract-names';

/** How a call reaches main: `ipcRenderer.invoke` in Electron, a `fetch` to the loopback host in a browser. */
export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/** How the window hears main's events; returns the function that stops listening. */
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the `window.companion` object: one function per contract channel and `on` for events, nothing
 * else. Both the Electron preload and the loopback host's browser preload use this, so the page sees the
 * same API.
 */
export function createApi(invoke: Invoke, subscribe: Subscribe): CompanionApi {
  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAMES) {
    api[name] = (input?: unknown) => invoke(name, input ?? {});
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event))
      throw new Error(`Unknown event "${String(event)}".`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    return subscribe(event, listener);
  };
  return Object.freeze(api) as unknown as CompanionApi;
}
