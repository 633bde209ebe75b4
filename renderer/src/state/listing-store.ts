/**
 * The job list, outside React: started by the window's first module as soon as main says it is connected
 * (before the page has rendered), filled page by page from main's `jobsPage` events, and read by the jobs
 * page through useSyncExternalStore. No DOM, so it is unit-tested under Node.
 */
import type { IpcError, JobListingInfo, JobSummaryInfo } from '../../../electron/contract';

export interface Listing {
  loading: boolean;
  /** Jobs shown so far (pages arrive before every region has answered). */
  result: JobListingInfo | null;
  error: IpcError | null;
  listedAt: number | null;
  /** The regions this listing asked. */
  regions: string[];
}

export const EMPTY_LISTING: Listing = {
  loading: false,
  result: null,
  error: null,
  listedAt: null,
  regions: [],
};

/** While pages stream in, the list changes at most this often (the first page shows at once). */
export const PARTIAL_INTERVAL_MS = 100;

export interface ListingDeps {
  listJobs(regions: string[]): Promise<JobListingInfo>;
  /** The contract error of a failed call. */
  errorOf(error: unknown): IpcError;
  now(): number;
}

export class ListingStore {
  private state: Listing = EMPTY_LISTING;
  private readonly listeners = new Set<() => void>();
  /** Each start gets a number: answers and pages of an earlier listing are ignored. */
  private generation = 0;
  private pending: JobSummaryInfo[] = [];
  /** Ids of the jobs shown, so a page seen twice (or already listed) adds nothing. */
  private known = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: ListingDeps) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Listing => this.state;

  /** Lists the regions; a listing already under way is superseded. Resolves when it has ended. */
  async start(regions: string[]): Promise<void> {
    if (regions.length === 0) return;
    const generation = ++this.generation;
    this.pending = [];
    // The previous jobs stay on screen until the new answer replaces them, but only those of the regions
    // still asked: a region the person took out goes at once, as the list's own words say.
    const previous = this.state.result ?? { jobs: [], failures: [], regions: [] };
    const asked = new Set(regions);
    const kept: JobListingInfo = {
      jobs: previous.jobs.filter((j) => asked.has(j.region)),
      failures: previous.failures.filter((f) => asked.has(f.region)),
      regions: previous.regions.filter((r) => asked.has(r)),
    };
    this.known = new Set(kept.jobs.map((j) => j.jobId));
    this.set({ ...this.state, loading: true, error: null, regions, result: kept });
    try {
      const result = await this.deps.listJobs(regions);
      if (generation !== this.generation) return;
      this.clearTimer();
      this.set({ loading: false, result, error: null, listedAt: this.deps.now(), regions });
    } catch (error) {
      if (generation !== this.generation) return;
      this.clearTimer();
      this.set({ ...this.state, loading: false, error: this.deps.errorOf(error) });
    }
  }

  /**
   * A page of jobs from main while a listing runs, from the region it asked; pages are merged together at
   * most every 100 ms. A page of a region this listing does not ask is an earlier listing's, late.
   */
  addPage(region: string, jobs: JobSummaryInfo[]): void {
    if (!this.state.loading || !this.state.regions.includes(region)) return;
    this.pending.push(...jobs);
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastFlush + PARTIAL_INTERVAL_MS - this.deps.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Forgets the list (disconnected, or another account). */
  reset(): void {
    this.generation++;
    this.pending = [];
    this.known = new Set();
    this.clearTimer();
    this.set(EMPTY_LISTING);
  }

  private flush(): void {
    this.timer = null;
    this.lastFlush = this.deps.now();
    const incoming = this.pending;
    this.pending = [];
    const current = this.state.result;
    if (!this.state.loading || !current) return;
    const fresh = incoming.filter((j) => !this.known.has(j.jobId));
    for (const job of fresh) this.known.add(job.jobId);
    if (fresh.length > 0)
      this.set({ ...this.state, result: { ...current, jobs: [...current.jobs, ...fresh] } });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(next: Listing): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
