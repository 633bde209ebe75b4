import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../electron/contract';
import { errorOf } from './call';

/**
 * One user action at a time: `busy` while it runs, and its failure as the contract's error (cleared when
 * the next attempt starts). When several controls share one hook, each names its action (`run(work, 'save')`):
 * `running` says which is busy and `failedAt` which failed, so the page shows each beside its control.
 * `onError` also hears each failure (e.g. the wizard, for a job that moved on).
 */
export function useAction(onError?: (error: IpcError) => void) {
  const [running, setRunning] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ at: string; error: IpcError } | null>(null);
  const report = useRef(onError);
  useEffect(() => {
    report.current = onError;
  });
  /** Shows a failure that did not come from `run` (a check as the page changes), at an action's place. */
  const setError = useCallback(
    (error: IpcError | null, at = '') => setFailure(error ? { at, error } : null),
    [],
  );
  const run = useCallback(async (work: () => Promise<void>, at = '') => {
    setRunning(at);
    setFailure(null);
    try {
      await work();
    } catch (e) {
      const error = errorOf(e);
      setFailure({ at, error });
      report.current?.(error);
    } finally {
      setRunning(null);
    }
  }, []);
  return {
    busy: running !== null,
    running,
    error: failure?.error ?? null,
    failedAt: failure?.at ?? null,
    setError,
    run,
  };
}
