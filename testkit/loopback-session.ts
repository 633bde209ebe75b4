import type { LoopbackHost } from '../electron/host/loopback-server';
import { SESSION_PATH, TICKET_HEADER } from '../electron/loopback-wire';
import { ticketFromFragment } from '../electron/preload/loopback-invoke';

/** What a page of the host does first: exchange a fresh ticket for its session secret (over HTTP). */
export async function openSession(host: LoopbackHost): Promise<string> {
  const ticket = ticketFromFragment(new URL(host.ticketUrl()).hash);
  const response = await fetch(host.origin + SESSION_PATH, {
    method: 'POST',
    headers: { origin: host.origin, [TICKET_HEADER]: ticket },
  });
  if (!response.ok) throw new Error(`the host refused a fresh ticket (${response.status})`);
  return ((await response.json()) as { session: string }).session;
}
