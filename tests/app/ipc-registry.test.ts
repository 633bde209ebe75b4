import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, wireName } from '../../electron/contract';
import { AppError } from '../../electron/core/app-error';
import {
  INVALID_INPUT_MESSAGE,
  registerChannels,
  type Handlers,
  type RawHandler,
} from '../../electron/app/ipc-registry';
import { APP_INFO } from '../../testkit/app-info';
import { stubHandlers } from '../helpers/stub-handlers';

const ORIGIN = 'app://companion';

function setup(getAppInfo: Handlers['getAppInfo'] = async () => APP_INFO) {
  const routes = new Map<string, RawHandler>();
  const onError = vi.fn();
  const handler = vi.fn(getAppInfo);
  registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, stubHandlers({ getAppInfo: handler }), {
    trustedOrigin: ORIGIN,
    onError,
  });
  const call = (input: unknown, sender = { origin: ORIGIN, isMainFrame: true }) =>
    routes.get(wireName('getAppInfo'))!(sender, input);
  return { routes, call, handler, onError };
}

describe('registerChannels', () => {
  it('registers every contract channel under its wire name', () => {
    const { routes } = setup();
    expect([...routes.keys()].sort()).toEqual(CHANNEL_NAMES.map(wireName).sort());
  });

  it('answers a valid call from the app window with the handler output', async () => {
    const { call } = setup();
    await expect(call({})).resolves.toEqual({ ok: true, value: APP_INFO });
  });

  it.each([
    ['a foreign origin', { origin: 'https://evil.example', isMainFrame: true }],
    ['a sub-frame of the app', { origin: ORIGIN, isMainFrame: false }],
    ['an unknown sender', { origin: '', isMainFrame: true }],
  ])('refuses %s before the handler runs', async (_label, sender) => {
    const { call, handler } = setup();
    const result = await call({}, sender);
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'FORBIDDEN', retryable: false }),
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown key', { extra: 1 }],
    ['a non-object', 'hello'],
    ['null', null],
    ['an array', []],
  ])('rejects %s as a validation error before the handler runs', async (_label, input) => {
    const { call, handler, onError } = setup();
    const result = await call(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      // People read the window: neither the channel's name nor the schema's words.
      expect(result.error.message).toBe(INVALID_INPUT_MESSAGE);
      expect(result.error.message).not.toMatch(/getAppInfo|expected|request/i);
    }
    // The log gets the details.
    expect(String(onError.mock.calls[0]?.[1])).toMatch(/The request to getAppInfo was not valid/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes on the contract’s own advice for a check of its own, never zod’s generic words', async () => {
    const routes = new Map<string, RawHandler>();
    registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, stubHandlers({}), {
      trustedOrigin: ORIGIN,
    });
    const result = await routes.get(wireName('exportAuditLog'))!(
      { origin: ORIGIN, isMainFrame: true },
      { path: '/home/site/audit\nlog.jsonl' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: ['path'] } });
    if (!result.ok) {
      expect(result.error.message).toMatch(
        /^Something entered here is not in the form .*: it contains a line break/,
      );
      expect(result.error.message).not.toMatch(/exportAuditLog|expected|Invalid/);
    }
  });

  it('names the refused fields by their path, so the window can mark them in its own words', async () => {
    const routes = new Map<string, RawHandler>();
    registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, stubHandlers({}), {
      trustedOrigin: ORIGIN,
    });
    const result = await routes.get(wireName('connect'))!(
      { origin: ORIGIN, isMainFrame: true },
      { source: { kind: 'session-keys', accessKeyId: 'AKIA123', secretAccessKey: 'short' } },
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: INVALID_INPUT_MESSAGE,
        retryable: false,
        fields: ['source.accessKeyId', 'source.secretAccessKey'],
      },
    });
  });

  it.each([
    ['a Date', new Date()],
    ['a Map', new Map([['kind', 'demo']])],
    ['a typed array', new Uint8Array(0)],
    ['an Error', new Error('x')],
    [
      'an instance of a class (no own keys)',
      new (class Input {
        describe() {
          return 'a class instance';
        }
      })(),
    ],
  ])('refuses %s even where no argument is expected (zod takes any object)', async (_label, input) => {
    const { call, handler } = setup();
    const result = await call(input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', retryable: false } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts plain data from another realm and without a prototype', async () => {
    const { call } = setup();
    expect((await call(Object.create(null))).ok).toBe(true);
    expect((await call(structuredClone({}))).ok).toBe(true);
  });

  it('names an unknown key in the log by its start only: a key is input too', async () => {
    const { call, onError } = setup();
    const result = await call({ ['k'.repeat(10_000)]: 1, second: 2, third: 3, fourth: 4 });
    expect(result.ok).toBe(false);
    const logged = String(onError.mock.calls[0]?.[1]);
    expect(logged).toContain(`unknown keys "${'k'.repeat(32)}…", "second", "third", …`);
    expect(logged.length).toBeLessThan(220);
    expect(JSON.stringify(result)).not.toContain('kkkk');
  });

  it('never echoes the offending value in a validation message or the log', async () => {
    const { call, onError } = setup();
    const result = await call({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
    expect(String(onError.mock.calls[0]?.[1])).not.toContain('wJalrXUtnFEMI');
  });

  it('passes an AppError through with its code, message and retryable flag', async () => {
    const { call } = setup(async () => {
      throw new AppError('INTERNAL', 'The emulator is not running. Start it and try again.', {
        retryable: true,
      });
    });
    await expect(call({})).resolves.toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The emulator is not running. Start it and try again.',
        retryable: true,
      },
    });
  });

  it('hides the text and stack of an unexpected error and reports it to onError', async () => {
    const boom = new Error('token=abcd-secret at /home/me/file.ts:12');
    const { call, onError } = setup(async () => {
      throw boom;
    });
    const result = await call({});
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('abcd-secret');
    expect(JSON.stringify(result)).not.toContain('file.ts');
    expect(onError).toHaveBeenCalledWith('getAppInfo', boom);
  });

  it('reports a code the channel does not declare, and still answers it', async () => {
    const routes = new Map<string, RawHandler>();
    const onUndeclaredCode = vi.fn();
    registerChannels(
      { handle: (wire, fn) => routes.set(wire, fn) },
      stubHandlers({
        getAppInfo: async () => {
          throw new AppError('FILE_EXISTS', 'There is a file of that name.');
        },
        markReceived: async () => {
          throw new AppError('INVALID_JOB_STATE', 'The job is not on its way to you.');
        },
      }),
      { trustedOrigin: ORIGIN, onUndeclaredCode },
    );
    const sender = { origin: ORIGIN, isMainFrame: true };
    const undeclared = await routes.get(wireName('getAppInfo'))!(sender, {});
    expect(undeclared).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(onUndeclaredCode).toHaveBeenCalledWith('getAppInfo', 'FILE_EXISTS');
    onUndeclaredCode.mockClear();
    const declared = await routes.get(wireName('markReceived'))!(sender, {
      jobId: 'JID123e4567-e89b-12d3-a456-426614174000',
      region: 'us-east-1',
    });
    expect(declared).toMatchObject({ ok: false, error: { code: 'INVALID_JOB_STATE' } });
    expect(onUndeclaredCode).not.toHaveBeenCalled();
  });

  it('without its own hook, reports an undeclared code through onError', async () => {
    const { call, onError } = setup(async () => {
      throw new AppError('FILE_EXISTS', 'There is a file of that name.');
    });
    await call({});
    expect(String(onError.mock.calls.at(-1)?.[1])).toMatch(
      /getAppInfo answered FILE_EXISTS, which its contract does not declare/,
    );
  });

  it('refuses a handler output that breaks the contract', async () => {
    const { call } = setup(async () => ({ ...APP_INFO, shell: 'toaster' }) as never);
    const result = await call({});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('every contract channel', () => {
  it.each(CHANNEL_NAMES)(
    '%s rejects malformed input with VALIDATION before its handler runs',
    async (name) => {
      const routes = new Map<string, RawHandler>();
      const spy = vi.fn(async () => {
        throw new Error('the handler must not run');
      });
      registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, stubHandlers({ [name]: spy }), {
        trustedOrigin: ORIGIN,
      });
      const call = routes.get(wireName(name))!;
      // JSON.parse makes "__proto__" an own key, as a hostile request body would.
      const hostile = [
        { unexpected: true },
        'text',
        42,
        null,
        [],
        JSON.parse('{"__proto__":{"polluted":true}}'),
        { constructor: 1 },
        new Date(),
        new Map(),
      ];
      for (const input of hostile) {
        const result = await call({ origin: ORIGIN, isMainFrame: true }, input);
        expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
      expect(spy).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe('the contract’s own rules, at the boundary', () => {
  const routes = new Map<string, RawHandler>();
  const spy = vi.fn(async () => {
    throw new Error('the handler must not run');
  });
  registerChannels(
    { handle: (wire, fn) => routes.set(wire, fn) },
    stubHandlers({ probeDevice: spy, rememberJob: spy, cancelUnlock: spy, openExternal: spy }),
    { trustedOrigin: ORIGIN },
  );
  const call = (name: Parameters<typeof wireName>[0], input: unknown) =>
    routes.get(wireName(name))!({ origin: ORIGIN, isMainFrame: true }, input);
  const JOB = 'JID27627492-8989-2d42-755e-c8699ffbc05b';

  it.each([
    ['probeDevice', { host: '--help' }],
    ['rememberJob', { jobId: JOB, deviceIps: ['192.0.2.10', '--unlock-code'] }],
    ['rememberJob', { jobId: JOB, deviceIps: ['192.0.2.10\u001b[2J'] }],
    ['cancelUnlock', { runId: 'not-a-run-id' }],
    // zod's url check trims: the length is checked before it.
    ['openExternal', { url: `https://docs.aws.amazon.com/${' '.repeat(4096)}` }],
    // …and would take the link with white space around it.
    ['openExternal', { url: ' https://docs.aws.amazon.com/snowball/' }],
  ] as const)(
    '%s refuses %j: a device address never starts with "-", a run id is a UUID, a URL is short, nothing around it',
    async (name, input) => {
      expect(await call(name, input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(spy).not.toHaveBeenCalled();
    },
  );
});
