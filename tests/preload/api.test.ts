import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, wireName } from '../../electron/contract';
import { createApi } from '../../electron/preload/api';
import { loopbackInvoke, loopbackSession, ticketFromFragment } from '../../electron/preload/loopback-invoke';

describe('createApi', () => {
  it('exposes exactly one function per contract channel, frozen', () => {
    const api = createApi(vi.fn(), vi.fn());
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    for (const name of CHANNEL_NAMES) expect(typeof api[name]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards the channel and the input, defaulting a missing input to {}', async () => {
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: 'x' });
    const api = createApi(invoke, vi.fn());
    await expect(api.getAppInfo()).resolves.toEqual({ ok: true, value: 'x' });
    expect(invoke).toHaveBeenCalledWith('getAppInfo', {});
  });
});

describe('the loopback transport', () => {
  const session = (secret: string) => async () => secret;

  it('reads the ticket from the URL fragment', () => {
    expect(ticketFromFragment('#ticket=abc-123_x')).toBe('abc-123_x');
    expect(ticketFromFragment('')).toBe('');
    expect(ticketFromFragment('#token=1')).toBe('');
  });

  it('exchanges the ticket once for a session, keeps it for a reload, and never sends the ticket again', async () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(Response.json({ session: 'sess' }));
    const exchanged = loopbackSession('tick', storage, fetchImpl);
    expect(await Promise.all([exchanged(), exchanged()])).toEqual(['sess', 'sess']);
    expect(fetchImpl).toHaveBeenCalledOnce();
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('/session');
    expect(init).toMatchObject({ method: 'POST', headers: { 'x-companion-ticket': 'tick' } });
    // A reload has no ticket in its address: the page's own session goes on, with no request.
    expect(await loopbackSession('', storage, fetchImpl)()).toBe('sess');
    expect(fetchImpl).toHaveBeenCalledOnce();
  });

  it('has no session when the ticket is refused and none was kept', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(new Response('Forbidden', { status: 403 }));
    expect(await loopbackSession('spent', null, fetchImpl)()).toBe('');
  });

  it('posts the input to the channel path with the session header', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(Response.json({ ok: true, value: 1 }));
    await expect(loopbackInvoke(session('sess'), 'getAppInfo', { a: 1 }, fetchImpl)).resolves.toEqual({
      ok: true,
      value: 1,
    });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe(`/ipc/${wireName('getAppInfo')}`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'x-companion-session': 'sess' });
    expect(init?.body).toBe('{"a":1}');
  });

  it('turns a refusal into a FORBIDDEN error that says how to open the app', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(new Response('Forbidden', { status: 403 }));
    const result = await loopbackInvoke(session(''), 'getAppInfo', {}, fetchImpl);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain('npm start');
  });

  it('turns a dead host into a retryable error', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('fetch failed'));
    const result = await loopbackInvoke(session('t'), 'getAppInfo', {}, fetchImpl);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
  });
});
