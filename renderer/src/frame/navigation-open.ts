import { useCallback, useEffect, useState } from 'react';

/** Below this width the navigation starts closed, so the jobs list has the room (1024 px laptops). */
const NARROW_PX = 1200;

const key = (narrow: boolean) => `snowball-companion.navigation.${narrow ? 'narrow' : 'wide'}`;

function stored(narrow: boolean): boolean {
  try {
    const value = window.localStorage.getItem(key(narrow));
    if (value === 'open') return true;
    if (value === 'closed') return false;
  } catch {
    // Storage may be unavailable; the default applies.
  }
  return !narrow;
}

/**
 * Whether the side navigation is open: only the person opens or closes it (nothing else does), and the
 * choice is remembered for narrow and wide windows apart.
 */
export function useNavigationOpen(): [boolean, (open: boolean) => void] {
  const [narrow, setNarrow] = useState(() => window.innerWidth < NARROW_PX);
  const [open, setOpenState] = useState(() => stored(narrow));

  useEffect(() => {
    const query = window.matchMedia(`(max-width: ${NARROW_PX - 1}px)`);
    const change = () => {
      setNarrow(query.matches);
      setOpenState(stored(query.matches));
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
