import { useEffect, useState } from 'react';
import { formatDuration } from '../format';

/** Time left until a moment, updated every second; says `done` once it has passed. */
export function Countdown({ until, done }: { until: number; done: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (now >= until) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until, now]);
  return <>{now >= until ? done : formatDuration(until - now)}</>;
}
