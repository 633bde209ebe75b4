import { useCallback, useState } from 'react';
import type { IpcError } from '../../../electron/contract';
import { errorOf } from './call';

/**
 * One user action at a time: `busy` while it runs, and its failure as the contract's error (cleared when
 * the next attempt starts).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
