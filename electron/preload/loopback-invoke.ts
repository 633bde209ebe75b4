/**
 * The browser preload's side of the loopback host: the ticket-for-session exchange, calls, and the event
 * stream. The session secret lives only in this page (memory, and sessionStorage so a reload keeps it:
 * per tab and per origin, gone with the tab), and goes in a header, never in a URL or a cookie.
 */
import type { Result } from '../contract';
import { eventWireName, wireName, type ChannelName, type EventName } from '../contract-names';
import { EVENTS_PATH, IPC_PATH_PREFIX, SESSION_HEADER, SESSION_PATH, TICKET_HEADER } from '../loopback-wire';

const STORED_SESSION = 'companion-session';

export function ticketFromFragment(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('ticket') ?? '';
}

/** Resolves to this page's session secret ('' when it has none: every call is then refused). */
export type Session = () => Promise<string>;

/** The part of the page's sessionStorage used here. */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The page's session: the one kept from before a reload, or the ticket exchanged once (POST /session).
 * Whatever happens, the ticket is spent by then.
 */
export function loopbackSession(
  ticket: string,
  storage: SessionStore | null,
  fetchImpl: typeof fetch = fetch,
): Session {
  let session: Promise<string> | null = null;
  const exchange = async (): Promise<string> => {
    if (!ticket) return storage?.getItem(STORED_SESSION) ?? '';
    try {
      const response = await fetchImpl(SESSION_PATH, {
        method: 'POST',
        headers: { [TICKET_HEADER]: ticket },
      });
      if (!response.ok) return storage?.getItem(STORED_SESSION) ?? '';
      const { session: secret } = (await response.json()) as { session: string };
      storage?.setItem(STORED_SESSION, secret);
      return secret;
    } catch {
      return '';
    }
  };
  return () => (session ??= exchange());
}

/** One contract call to the loopback host. Transport failures become a readable, retryable error. */
export async function loopbackInvoke(
  session: Session,
  channel: ChannelName,
  input: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<unknown>> {
  try {
    const response = await fetchImpl(IPC_PATH_PREFIX + wireName(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SESSION_HEADER]: await session() },
      body: JSON.stringify(input),
    });
    if (response.status === 403) {
      return failure(
        'FORBIDDEN',
        'The local service refused this page. Open a new address from the terminal where `npm start` runs: ' +
          'each address opens the app once.',
        false,
      );
    }
    return (await response.json()) as Result<unknown>;
  } catch {
    return failure(
      'INTERNAL',
      'The local service did not answer. Check that `npm start` is still running, then try again.',
      true,
    );
  }
}

function failure(code: 'FORBIDDEN' | 'INTERNAL', message: string, retryable: boolean): Result<never> {
  return { ok: false, error: { code, message, retryable } };
}

type Listener = (payload: unknown) => void;

/**
 * The window's side of the host's event stream: one long POST, opened on the first listener, read as
 * newline-delimited JSON, reopened after a drop.
 */
export function loopbackEvents(session: Session, fetchImpl: typeof fetch = fetch, retryMs = 1000) {
  const listeners = new Map<string, Set<Listener>>();
  let open = false;

  async function run(): Promise<void> {
    open = true;
    try {
      const response = await fetchImpl(EVENTS_PATH, {
        method: 'POST',
        headers: { [SESSION_HEADER]: await session() },
      });
      if (response.status === 403 || !response.body) return; // refused: calls will say why
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) dispatch(line);
      }
    } catch {
      // dropped: reopen below
    }
    open = false;
    if ([...listeners.values()].some((set) => set.size > 0)) setTimeout(() => void ensureOpen(), retryMs);
  }

  function dispatch(line: string): void {
    if (!line.trim()) return;
    try {
      const { event, payload } = JSON.parse(line) as { event: string; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    } catch {
      // a damaged line is skipped
    }
  }

  function ensureOpen(): void {
    if (!open) void run();
  }

  return (event: EventName, listener: Listener): (() => void) => {
    const wire = eventWireName(event);
    const set = listeners.get(wire) ?? new Set<Listener>();
    listeners.set(wire, set);
    set.add(listener);
    ensureOpen();
    return () => set.delete(listener);
  };
}
