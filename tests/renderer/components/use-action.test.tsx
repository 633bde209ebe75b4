// @vitest-environment happy-dom
/** The busy / error / retry hook every action of the window goes through. */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcError } from '../../../electron/contract';
import { CallError } from '../../../renderer/src/api/call';
import { useAction } from '../../../renderer/src/api/use-action';

afterEach(cleanup);

const REFUSED: IpcError = { code: 'FILE_EXISTS', message: 'There is a file of that name.', retryable: false };

describe('useAction', () => {
  it('is busy while the work runs, and not once it is done', async () => {
    const { result } = renderHook(() => useAction());
    let finish: () => void = () => undefined;
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it("keeps a failed call's contract error, tells onError, and clears it when the next attempt starts", async () => {
    const onError = vi.fn();
    const { result } = renderHook(() => useAction(onError));
    await act(() =>
      result.current.run(async () => {
        throw new CallError(REFUSED);
      }),
    );
    expect(result.current.error).toEqual(REFUSED);
    expect(onError).toHaveBeenCalledWith(REFUSED);
    expect(result.current.busy).toBe(false);

    let retrying: Promise<void> = Promise.resolve();
    let finish: () => void = () => undefined;
    act(() => {
      retrying = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(result.current.error).toBeNull();
    await act(async () => {
      finish();
      await retrying;
    });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('turns a bug in the page into a retryable INTERNAL error, never its text', async () => {
    const { result } = renderHook(() => useAction());
    await act(() =>
      result.current.run(async () => {
        throw new TypeError('x is undefined at secret-place.tsx:12');
      }),
    );
    expect(result.current.error).toMatchObject({ code: 'INTERNAL', retryable: true });
    expect(result.current.error?.message).not.toContain('secret-place');
  });

  it('names the action that is busy and the one that failed, so each shows beside its own control', async () => {
    const { result } = renderHook(() => useAction());
    let finish: () => void = () => undefined;
    let saving: Promise<void> = Promise.resolve();
    act(() => {
      saving = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)), 'save');
    });
    expect(result.current.running).toBe('save');
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await saving;
    });
    expect(result.current.running).toBeNull();

    await act(() =>
      result.current.run(async () => {
        throw new CallError(REFUSED);
      }, 'save'),
    );
    expect(result.current.failedAt).toBe('save');
    // A failure from outside a run (a check as the page changes) is placed the same way.
    act(() => result.current.setError(REFUSED, 'code'));
    expect(result.current.failedAt).toBe('code');
    expect(result.current.error).toEqual(REFUSED);
    act(() => result.current.setError(null));
    expect(result.current.error).toBeNull();
    expect(result.current.failedAt).toBeNull();
  });
});
