/**
 * The loopback host's wire, shared by the host (electron/host) and the browser preload that speaks to it
 * (electron/preload/loopback-invoke.ts): the paths it answers and the headers that carry the one-time
 * ticket and the page's session secret. Plain data, like contract-names.ts: no imports.
 */

/** The page's first call: its one-time ticket (in this header) for a session secret. */
export const SESSION_PATH = '/session';
export const TICKET_HEADER = 'x-companion-ticket';
/** Every call and the event stream carry the session secret in this header (never a URL or a cookie). */
export const SESSION_HEADER = 'x-companion-session';
/** A call: POST to this prefix + the channel's wire name, the input as the JSON body. */
export const IPC_PATH_PREFIX = '/ipc/';
/** The event stream: one long POST answered as newline-delimited JSON. */
export const EVENTS_PATH = '/events';
