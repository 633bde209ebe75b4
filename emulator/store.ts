import type { AddressRecord, ClusterRecord, JobRecord, JobState, LongTermPricingRecord } from './model';
import { isVisibleFrom, viewKeyOf } from './regions';

/** Newest first, then by id: a stable order so page boundaries never move between calls. */
function byCreationDesc(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** All jobs, clusters and addresses, with per-view sorted indexes so listing is O(page), not O(n) per call. */
export class Store {
  readonly jobs = new Map<string, JobRecord>();
  readonly clusters = new Map<string, ClusterRecord>();
  readonly addresses = new Map<string, AddressRecord>();
  readonly longTermPricing = new Map<string, LongTermPricingRecord>();
  private readonly live = new Set<string>();
  private readonly jobViews = new Map<string, JobRecord[]>();
  private readonly clusterViews = new Map<string, ClusterRecord[]>();

  addJob(job: JobRecord): void {
    if (this.jobs.has(job.jobId)) throw new Error(`duplicate job id ${job.jobId}`);
    this.jobs.set(job.jobId, job);
    if (job.lifecycle) this.live.add(job.jobId);
    this.jobViews.delete(viewKeyOf(job.region));
  }

  /** Jobs created through the API, which move on the clock. */
  liveJobs(): JobRecord[] {
    return [...this.live].map((id) => this.jobs.get(id)).filter((j): j is JobRecord => j !== undefined);
  }

  addCluster(cluster: ClusterRecord): void {
    this.clusters.set(cluster.clusterId, cluster);
    this.clusterViews.delete(viewKeyOf(cluster.region));
  }

  addAddress(address: AddressRecord): void {
    this.addresses.set(address.AddressId, address);
  }

  /** Jobs ListJobs returns in `region`: the whole US view for a US region, else the region's own. */
  jobsInView(region: string): readonly JobRecord[] {
    const key = viewKeyOf(region);
    let view = this.jobViews.get(key);
    if (!view) {
      view = [...this.jobs.values()].filter((j) => viewKeyOf(j.region) === key);
      view.sort((a, b) =>
        byCreationDesc({ createdAt: a.createdAt, id: a.jobId }, { createdAt: b.createdAt, id: b.jobId }),
      );
      this.jobViews.set(key, view);
    }
    return view;
  }

  clustersInView(region: string): readonly ClusterRecord[] {
    const key = viewKeyOf(region);
    let view = this.clusterViews.get(key);
    if (!view) {
      view = [...this.clusters.values()].filter((c) => viewKeyOf(c.region) === key);
      view.sort((a, b) =>
        byCreationDesc(
          { createdAt: a.createdAt, id: a.clusterId },
          { createdAt: b.createdAt, id: b.clusterId },
        ),
      );
      this.clusterViews.set(key, view);
    }
    return view;
  }

  /** A job as seen from `region`; undefined when it does not exist there. */
  findJob(jobId: string, region: string): JobRecord | undefined {
    const job = this.jobs.get(jobId);
    return job && isVisibleFrom(job.region, region) ? job : undefined;
  }

  findCluster(clusterId: string, region: string): ClusterRecord | undefined {
    const cluster = this.clusters.get(clusterId);
    return cluster && isVisibleFrom(cluster.region, region) ? cluster : undefined;
  }

  findAddress(addressId: string, region: string): AddressRecord | undefined {
    const address = this.addresses.get(addressId);
    return address && isVisibleFrom(address.region, region) ? address : undefined;
  }

  /** The account's addresses seen from `region` (DescribeAddresses), in the order they were created. */
  addressesInView(region: string, pickupLocations = false): AddressRecord[] {
    return [...this.addresses.values()].filter(
      (a) => isVisibleFrom(a.region, region) && (a.pickupLocation ?? false) === pickupLocations,
    );
  }

  findLongTermPricing(id: string, region: string): LongTermPricingRecord | undefined {
    const record = this.longTermPricing.get(id);
    return record && isVisibleFrom(record.region, region) ? record : undefined;
  }

  longTermPricingInView(region: string): LongTermPricingRecord[] {
    return [...this.longTermPricing.values()].filter((r) => isVisibleFrom(r.region, region));
  }

  clusterJobs(cluster: ClusterRecord): JobRecord[] {
    return cluster.jobIds.map((id) => this.jobs.get(id)).filter((j): j is JobRecord => j !== undefined);
  }

  /**
   * Moves a job to another state (admin, the API and the clock). A job that moves on the clock takes its
   * next step from `at`. Order does not change, so views stay valid.
   */
  setJobState(jobId: string, state: JobState, at?: number): JobRecord | undefined {
    const job = this.jobs.get(jobId);
    if (job) {
      job.state = state;
      if (job.lifecycle && at !== undefined) job.lifecycle.enteredAt = at;
    }
    return job;
  }
}
