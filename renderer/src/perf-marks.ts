/**
 * Performance marks on the jobs table, for the window benchmark (bench/window.ts) and DevTools: when job
 * rows first reach the screen, when the whole listing has, and how long a filter change takes to show.
 * Marks stay in this window's performance timeline; nothing is sent anywhere.
 */
import { useEffect } from 'react';

export const JOBS_MARKS = {
  firstRows: 'jobs:first-rows',
  listed: 'jobs:listed',
  filterStart: 'jobs:filter-start',
  filterEnd: 'jobs:filter-end',
  /** A measure: filter change → the filtered table painted. */
  filter: 'jobs:filter',
} as const;

const marked = (name: string) => performance.getEntriesByName(name, 'mark').length > 0;

/** After the next paint: a requestAnimationFrame callback runs just before it, a task queued there after. */
function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}

/** Called where the filter changes (the start of what `jobs:filter` measures). */
export function markFilterStart(): void {
  performance.mark(JOBS_MARKS.filterStart);
}

/** Marks, once per page load, the first rows and the complete listing, and measures each filter change. */
export function useJobsPaintMarks(rows: number, listed: boolean, filter: unknown): void {
  useEffect(() => {
    if (rows > 0 && !marked(JOBS_MARKS.firstRows)) afterPaint(() => performance.mark(JOBS_MARKS.firstRows));
  }, [rows]);
  useEffect(() => {
    if (listed && !marked(JOBS_MARKS.listed)) afterPaint(() => performance.mark(JOBS_MARKS.listed));
  }, [listed]);
  useEffect(() => {
    if (!marked(JOBS_MARKS.filterStart)) return;
    afterPaint(() => {
      performance.mark(JOBS_MARKS.filterEnd);
      performance.measure(JOBS_MARKS.filter, JOBS_MARKS.filterStart, JOBS_MARKS.filterEnd);
      performance.clearMarks(JOBS_MARKS.filterStart);
    });
  }, [filter]);
}
