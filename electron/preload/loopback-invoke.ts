import { eventWireName, wireName, type ChannelName, type EventName, type Result } from '../contract';

export const TOKEN_HEADER = 'x-companion-token';
export const IPC_PATH_PREFIX = '/ipc/';
export const EVENTS_PATH = '/events';

export function tokenFromFragment(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** One contract call to the loopback host. Transport failures become a readable, retryable error. */
export async function loopbackInvoke(
  token: string,
  channel: ChannelName,
  input: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<unknown>> {
  try {
    const response = await fetchImpl(IPC_PATH_PREFIX + wireName(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    if (response.status === 403) {
      return failure(
        'FORBIDDEN',
        'The local service refused this page. Open the address that `npm start` printed (it carries the access token).',
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
export function loopbackEvents(token: string, fetchImpl: typeof fetch = fetch, retryMs = 1000) {
  const listeners = new Map<string, Set<Listener>>();
  let open = false;

  async function run(): Promise<void> {
    open = true;
    try {
      const response = await fetchImpl(EVENTS_PATH, { method: 'POST', headers: { [TOKEN_HEADER]: token } });
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
