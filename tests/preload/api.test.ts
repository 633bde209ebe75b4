import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, wireName } from '../../electron/contract';
import { createApi } from '../../electron/preload/api';
import { loopbackInvoke, tokenFromFragment } from '../../electron/preload/loopback-invoke';

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
  it('reads the token from the URL fragment', () => {
    expect(tokenFromFragment('#token=abc-123_x')).toBe('abc-123_x');
    expect(tokenFromFragment('')).toBe('');
    expect(tokenFromFragment('#other=1')).toBe('');
  });

  it('posts the input to the channel path with the token header', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(Response.json({ ok: true, value: 1 }));
    await expect(loopbackInvoke('tok', 'getAppInfo', { a: 1 }, fetchImpl)).resolves.toEqual({
      ok: true,
      value: 1,
    });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe(`/ipc/${wireName('getAppInfo')}`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'x-companion-token': 'tok' });
    expect(init?.body).toBe('{"a":1}');
  });

  it('turns a refusal into a FORBIDDEN error that says how to open the app', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(new Response('Forbidden', { status: 403 }));
    const result = await loopbackInvoke('', 'getAppInfo', {}, fetchImpl);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain('npm start');
  });

  it('turns a dead host into a retryable error', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('fetch failed'));
    const result = await loopbackInvoke('t', 'getAppInfo', {}, fetchImpl);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
  });
});
