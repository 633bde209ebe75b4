/**
 * The browser preload served by the loopback host: the same API object as in Electron, over fetch.
 * The address carries a one-time ticket in its fragment (never sent to any server, never logged): it
 * leaves the address bar at once and is exchanged for the page's session secret, which goes with every
 * call and the event stream in a header.
 */
import type { Result } from '../contract';
import { API_GLOBAL } from '../contract-names';
import { createApi } from './api';
import { loopbackEvents, loopbackInvoke, loopbackSession, ticketFromFragment } from './loopback-invoke';

const ticket = ticketFromFragment(window.location.hash);
if (ticket) window.history.replaceState(null, '', window.location.pathname + window.location.search);
const session = loopbackSession(ticket, window.sessionStorage);
void session();
Object.defineProperty(window, API_GLOBAL, {
  value: createApi(
    (channel, input): Promise<Result<unknown>> => loopbackInvoke(session, channel, input),
    loopbackEvents(session),
  ),
  writable: false,
  configurable: false,
  enumerable: false,
});
