import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../electron/contract';
import { errorOf } from './call';

/**
 * One user action at a time: `busy` while it runs, and its failure as the contract's error (cleared when
 * the next attempt starts). `onError` also hears each failure (e.g. the wizard, for a job that moved on).
 */
export function useAction(onError?: (error: IpcError) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const report = useRef(onError);
  useEffect(() => {
    report.current = onError;
  });
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      const failure = errorOf(e);
      setError(failure);
      report.current?.(failure);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
