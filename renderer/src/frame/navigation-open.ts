import { useCallback, useEffect, useState } from 'react';

/** Below this width the navigation starts closed, so the jobs list has the room (1024 px laptops). */
const NARROW_PX = 1200;

const key = (narrow: boolean) => `snowball-companion.navigation.${narrow ? 'narrow' : 'wide'}`;

/** The person's earlier choice for this width, if any. */
function stored(narrow: boolean): boolean | null {
  try {
    const value = window.localStorage.getItem(key(narrow));
    return value === 'open' ? true : value === 'closed' ? false : null;
  } catch {
    return null;
  }
}

/**
 * Whether the side navigation is open: only the person opens or closes it (nothing else does), and the
 * choice is remembered for narrow and wide windows apart. The first paint uses the default for the width;
 * the remembered choice is read just after it (the first read of the browser's storage costs the first
 * paint 10–20 ms, docs/PERFORMANCE.md).
 */
export function useNavigationOpen(): [boolean, (open: boolean) => void] {
  const [narrow, setNarrow] = useState(() => window.innerWidth < NARROW_PX);
  const [open, setOpenState] = useState(() => !narrow);

  useEffect(() => {
    const timer = setTimeout(() => {
      const choice = stored(narrow);
      if (choice !== null) setOpenState(choice);
    }, 0);
    return () => clearTimeout(timer);
  }, [narrow]);

  useEffect(() => {
    const query = window.matchMedia(`(max-width: ${NARROW_PX - 1}px)`);
    const change = () => {
      setNarrow(query.matches);
      setOpenState(stored(query.matches) ?? !query.matches);
    };
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);

  const setOpen = useCallback(
    (next: boolean) => {
      setOpenState(next);
      try {
        window.localStorage.setItem(key(narrow), next ? 'open' : 'closed');
      } catch {
        // Not remembered; still applied.
      }
    },
    [narrow],
  );
  return [open, setOpen];
}
