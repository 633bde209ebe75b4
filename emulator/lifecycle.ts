import type { ClusterRecord, JobRecord, JobState, ShippingOption } from './model';
import type { Store } from './store';

/**
 * How jobs and clusters created through the API move on the emulator clock (advance it with
 * `POST /__admin/clock {"advanceMs": …}` or `emu.advanceClock`). The seeded demo jobs stay where they are.
 *
 * A job: New (1 h, when UpdateJob and CancelJob still work) → PreparingAppliance (1 day) →
 * PreparingShipment (1 day) → InTransitToCustomer (the shipping option's transit time, or until
 * UpdateJobShipmentState RECEIVED) → WithCustomer, until the customer sends it back
 * (UpdateJobShipmentState RETURNED) → InTransitToAWS (transit time) → WithAWSSortingFacility (1 day) →
 * WithAWS (1 day) → InProgress (1 day; import and export parts only) → Complete.
 * An export job's master entry: New → Listing (1 day) → InProgress with one part, which then lives as a
 * job of its own from PreparingAppliance on → Complete once its parts are.
 * A cluster: AwaitingQuorum until its last node job exists → Pending (its nodes start at New then) →
 * InUse once a node is WithCustomer → Complete once every node is Complete or Cancelled.
 */
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const TRANSIT_MS: Record<ShippingOption, number> = {
  NEXT_DAY: DAY,
  EXPRESS: DAY,
  SECOND_DAY: 2 * DAY,
  STANDARD: 5 * DAY,
};

const FIXED_MS: Partial<Record<JobState, number>> = {
  New: HOUR,
  Listing: DAY,
  PreparingAppliance: DAY,
  PreparingShipment: DAY,
  WithAWSSortingFacility: DAY,
  WithAWS: DAY,
  InProgress: DAY,
};

function nextState(job: JobRecord): JobState | undefined {
  switch (job.state) {
    case 'New':
      return job.isMaster ? 'Listing' : 'PreparingAppliance';
    case 'Listing':
      return 'InProgress';
    case 'PreparingAppliance':
      return 'PreparingShipment';
    case 'PreparingShipment':
      return 'InTransitToCustomer';
    case 'InTransitToCustomer':
      return 'WithCustomer';
    case 'InTransitToAWS':
      return 'WithAWSSortingFacility';
    case 'WithAWSSortingFacility':
      return 'WithAWS';
    case 'WithAWS':
      return job.jobType === 'LOCAL_USE' ? 'Complete' : 'InProgress';
    case 'InProgress':
      return job.isMaster ? undefined : 'Complete';
    default:
      return undefined;
  }
}

function dwellMs(job: JobRecord): number | undefined {
  if (job.state === 'InTransitToCustomer' || job.state === 'InTransitToAWS')
    return TRANSIT_MS[job.shippingOption];
  return FIXED_MS[job.state];
}

/** Creates the parts of an export master whose listing finished; returns them. */
export type PartMaker = (master: JobRecord, at: number) => JobRecord[];

function advanceJob(store: Store, job: JobRecord, now: number, makeParts: PartMaker): void {
  const life = job.lifecycle;
  if (!life) return;
  const cluster = job.clusterId ? store.clusters.get(job.clusterId) : undefined;
  // Cluster nodes wait at New for the cluster's quorum; their clock starts when it is reached.
  if (cluster?.state === 'AwaitingQuorum') return;
  for (;;) {
    if (job.isMaster && job.state === 'InProgress') {
      const parts = (job.partJobIds ?? []).map((id) => store.jobs.get(id));
      if (parts.length > 0 && parts.every((p) => p?.state === 'Complete' || p?.state === 'Cancelled')) {
        const done = Math.max(...parts.map((p) => p?.lifecycle?.enteredAt ?? now));
        store.setJobState(job.jobId, 'Complete', done);
      }
      return;
    }
    const dwell = dwellMs(job);
    const next = nextState(job);
    if (dwell === undefined || next === undefined || now < life.enteredAt + dwell) return;
    const at = life.enteredAt + dwell;
    store.setJobState(job.jobId, next, at);
    if (job.isMaster && next === 'InProgress') {
      for (const part of makeParts(job, at)) advanceJob(store, part, now, makeParts);
    }
  }
}

function advanceCluster(store: Store, cluster: ClusterRecord): void {
  if (!cluster.lifecycle) return;
  const nodes = store.clusterJobs(cluster);
  if (cluster.state === 'Pending' && nodes.some((n) => n.state === 'WithCustomer')) cluster.state = 'InUse';
  if (
    (cluster.state === 'Pending' || cluster.state === 'InUse') &&
    nodes.length > 0 &&
    nodes.every((n) => n.state === 'Complete' || n.state === 'Cancelled')
  ) {
    cluster.state = 'Complete';
  }
}

/** Brings every API-created job and cluster up to `now`. Cheap: only those carry a lifecycle. */
export function advanceLifecycles(store: Store, now: number, makeParts: PartMaker): void {
  for (const job of store.liveJobs()) advanceJob(store, job, now, makeParts);
  for (const cluster of store.clusters.values()) advanceCluster(store, cluster);
}
