import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../electron/contract';
import { companion } from '../companion';

/** Listens to one of main's events while the component is mounted. */
export function useCompanionEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const api = companion();
    if (!api) return undefined;
    return api.on(event, (payload) => latest.current(payload));
  }, [event]);
}
