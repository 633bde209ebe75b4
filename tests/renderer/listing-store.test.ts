/**
 * The window's job list outside React (renderer/src/state/listing-store.ts): pages streamed from main show
 * at once and then at most every 100 ms, each job once; the final answer replaces them; a newer listing
 * wins over an older one still answering.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobListingInfo, JobSummaryInfo } from '../../electron/contract';
import { ListingStore, PARTIAL_INTERVAL_MS } from '../../renderer/src/state/listing-store';

const job = (id: string): JobSummaryInfo => ({
  jobId: id,
  state: 'WithCustomer',
  jobType: null,
  snowballType: null,
  description: null,
  isMaster: false,
  createdAt: null,
  region: 'us-east-1',
  readyToUnlock: true,
  credentials: null,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ListingStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function store() {
    const answers: ReturnType<typeof deferred<JobListingInfo>>[] = [];
    const listing = new ListingStore({
      listJobs: () => {
        const answer = deferred<JobListingInfo>();
        answers.push(answer);
        return answer.promise;
      },
      errorOf: () => ({ code: 'NETWORK', message: 'no network', retryable: true }),
      now: () => Date.now(),
    });
    const renders: number[] = [];
    listing.subscribe(() => renders.push(listing.getSnapshot().result?.jobs.length ?? -1));
    return { listing, answers, renders };
  }

  it('shows the first page at once, then merges pages at most every 100 ms, each job once', async () => {
    const { listing, answers, renders } = store();
    void listing.start(['us-east-1']);
    listing.addPage('us-east-1', [job('a'), job('b')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(listing.getSnapshot().result?.jobs.map((j) => j.jobId)).toEqual(['a', 'b']);
    listing.addPage('us-east-1', [job('b'), job('c')]);
    listing.addPage('us-east-1', [job('d')]);
    await vi.advanceTimersByTimeAsync(PARTIAL_INTERVAL_MS - 1);
    expect(listing.getSnapshot().result?.jobs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(listing.getSnapshot().result?.jobs.map((j) => j.jobId)).toEqual(['a', 'b', 'c', 'd']);
    answers[0]!.resolve({ jobs: [job('d'), job('a')], failures: [], regions: ['us-east-1'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(listing.getSnapshot()).toMatchObject({ loading: false, error: null, regions: ['us-east-1'] });
    expect(listing.getSnapshot().result?.jobs.map((j) => j.jobId)).toEqual(['d', 'a']);
    // Loading (0 jobs), the first page, the merged pages, the answer: four renders, not one per page.
    expect(renders).toEqual([0, 2, 4, 2]);
  });

  it('ignores an older listing that answers after a newer one started, and reports a failure', async () => {
    const { listing, answers } = store();
    void listing.start(['us-east-1']);
    void listing.start(['eu-west-1']);
    answers[1]!.reject(new Error('down'));
    await vi.advanceTimersByTimeAsync(0);
    answers[0]!.resolve({ jobs: [job('old')], failures: [], regions: ['us-east-1'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(listing.getSnapshot()).toMatchObject({ loading: false, error: { code: 'NETWORK' } });
    expect(listing.getSnapshot().result?.jobs).toEqual([]);
    // A page arriving after the listing ended changes nothing.
    listing.addPage('us-east-1', [job('late')]);
    await vi.advanceTimersByTimeAsync(PARTIAL_INTERVAL_MS);
    expect(listing.getSnapshot().result?.jobs).toEqual([]);
    listing.reset();
    expect(listing.getSnapshot().result).toBeNull();
  });

  it('drops a region the person took out at once, and an earlier listing’s late page of it', async () => {
    const { listing, answers } = store();
    const dublin = { ...job('dublin'), region: 'eu-west-1' };
    void listing.start(['us-east-1', 'eu-west-1']);
    answers[0]!.resolve({
      jobs: [job('a'), dublin],
      failures: [
        { region: 'eu-west-1', covers: ['eu-west-1'], code: 'NETWORK', message: 'x', retryable: true },
      ],
      regions: ['eu-west-1', 'us-east-1'],
    });
    await vi.advanceTimersByTimeAsync(0);
    void listing.start(['us-east-1']);
    // Still listing, the jobs of the region still asked stay; Ireland's job and failure are gone.
    expect(listing.getSnapshot()).toMatchObject({ loading: true, regions: ['us-east-1'] });
    expect(listing.getSnapshot().result).toEqual({ jobs: [job('a')], failures: [], regions: ['us-east-1'] });
    listing.addPage('eu-west-1', [dublin]);
    listing.addPage('us-east-1', [job('a'), job('b')]);
    await vi.advanceTimersByTimeAsync(PARTIAL_INTERVAL_MS);
    expect(listing.getSnapshot().result?.jobs.map((j) => j.jobId)).toEqual(['a', 'b']);
  });
});
