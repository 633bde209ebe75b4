/** The round-trip floor of the receiving flow: what no client can beat at a given latency. */
import { US_SHARED_VIEW_REGIONS } from '../emulator';

export interface Floor {
  floorMs: number;
  /** Pages of the slowest region (one view: the four US regions share one). */
  pages: number;
  /** Every page of every view, plus GetJobManifest and the download. */
  minimumRequests: number;
}

/** The slowest region's pages, one after another, then GetJobManifest and the download: nothing can beat it. */
export function roundTripFloor(
  jobCounts: Record<string, number>,
  regions: readonly string[],
  pageSize: number,
  latencyMs: number,
): Floor {
  const views = new Map<string, number>();
  for (const region of regions) {
    const view = US_SHARED_VIEW_REGIONS.has(region) ? 'us' : region;
    views.set(view, (views.get(view) ?? 0) + (jobCounts[region] ?? 0));
  }
  const pagesOf = (jobs: number) => Math.max(1, Math.ceil(jobs / pageSize));
  const pages = Math.max(...[...views.values()].map(pagesOf));
  const allPages = [...views.values()].reduce((n, jobs) => n + pagesOf(jobs), 0);
  return { floorMs: (pages + 2) * latencyMs, pages, minimumRequests: allPages + 2 };
}
