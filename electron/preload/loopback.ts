/**
 * The browser preload served by the loopback host: the same API object as in Electron, over fetch.
 * The per-launch token arrives in the URL fragment (never sent to any server, never logged) and goes
 * with every call in a header.
 */
import { API_GLOBAL, type Result } from '../contract';
import { createApi } from './api';
import { loopbackEvents, loopbackInvoke, tokenFromFragment } from './loopback-invoke';

const token = tokenFromFragment(window.location.hash);
Object.defineProperty(window, API_GLOBAL, {
  value: createApi(
    (channel, input): Promise<Result<unknown>> => loopbackInvoke(token, channel, input),
    loopbackEvents(token),
  ),
  writable: false,
  configurable: false,
  enumerable: false,
});
