import { DEFAULT_CLUSTER_SIZE } from '../catalog';
import { trackingNumber } from '../demo-data';
import { ApiError, invalidInputCombination, invalidJobState } from '../errors';
import type { PartMaker } from '../lifecycle';
import type {
  ClusterRecord,
  JobRecord,
  JobType,
  LongTermPricingRecord,
  ShippingOption,
  SnowballType,
} from '../model';
import { partitionOf } from '../regions';
import type { Rng } from '../rng';
import type { Store } from '../store';
import type { Operation, OperationContext } from './context';
import { requireCluster, requireJob } from './context';
import { attachJob, requireLongTermPricing } from './long-term-pricing';
import {
  bucketArnsOf,
  capacityFor,
  checkChanges,
  checkOrder,
  defaultKmsKey,
  requestedOf,
} from './order-checks';

type Input = Record<string, unknown>;

/** A job created through the API: it starts at New and moves on the emulator clock. */
export function newJobRecord(
  ids: Rng,
  now: number,
  fields: Omit<
    JobRecord,
    'jobId' | 'state' | 'createdAt' | 'isMaster' | 'outboundTracking' | 'inboundTracking'
  > & {
    isMaster?: boolean;
  },
): JobRecord {
  const isMaster = fields.isMaster ?? false;
  const job: JobRecord = {
    ...fields,
    jobId: `${isMaster ? 'MID' : 'JID'}${ids.uuid()}`,
    state: 'New',
    createdAt: now,
    isMaster,
    lifecycle: { enteredAt: now },
  };
  if (!isMaster) {
    job.outboundTracking = trackingNumber(ids, fields.region);
    job.inboundTracking = trackingNumber(ids, fields.region);
  }
  return job;
}

/** When an export master's listing is done, its part (one device, the whole key range) is created. */
export function exportPartMaker(store: Store, ids: Rng): PartMaker {
  return (master, at) => {
    const { lifecycle: _l, partJobIds: _p, jobId: _id, state: _s, createdAt: _c, ...rest } = master;
    const part = newJobRecord(ids, at, {
      ...rest,
      isMaster: false,
      description: `${master.description} (part 1 of 1)`,
    });
    part.state = 'PreparingAppliance';
    store.addJob(part);
    master.partJobIds = [part.jobId];
    return [part];
  };
}

function createClusterNode(ctx: OperationContext, cluster: ClusterRecord, input: Input): string {
  const size = cluster.size ?? DEFAULT_CLUSTER_SIZE;
  if (cluster.jobIds.length >= size) {
    throw new ApiError(
      'ClusterLimitExceededException',
      `Cluster ${cluster.clusterId} already has its ${size} node jobs.`,
    );
  }
  if (cluster.state !== 'AwaitingQuorum') {
    throw invalidJobState(
      `Cluster ${cluster.clusterId} is in the ${cluster.state} state and takes no more node jobs.`,
    );
  }
  for (const [member, value] of [
    ['JobType', cluster.jobType],
    ['SnowballType', cluster.snowballType],
  ] as const) {
    if (input[member] !== undefined && input[member] !== value) {
      throw invalidInputCombination(
        `A node of cluster ${cluster.clusterId} has the cluster's ${member}, ${value}.`,
      );
    }
  }
  const description =
    typeof input.Description === 'string'
      ? input.Description
      : `${cluster.description || 'Cluster'} - node ${cluster.jobIds.length + 1}`;
  const ltp =
    typeof input.LongTermPricingId === 'string'
      ? requireLongTermPricing(ctx, input.LongTermPricingId, cluster.snowballType)
      : undefined;
  const node = nodeJob(ctx.ids, ctx.clock.now(), cluster, description, ltp);
  addClusterNode(ctx.store, cluster, node, ctx.clock.now());
  return node.jobId;
}

/** A node job of `cluster`: it carries the cluster's device, shipping, keys and resources. */
export function nodeJob(
  ids: Rng,
  now: number,
  cluster: ClusterRecord,
  description: string,
  ltp?: LongTermPricingRecord,
): JobRecord {
  const node = newJobRecord(ids, now, {
    region: cluster.region,
    jobType: cluster.jobType,
    snowballType: cluster.snowballType,
    description,
    clusterId: cluster.clusterId,
    bucketArns: cluster.bucketArns,
    kmsKeyArn: cluster.kmsKeyArn,
    ...(cluster.roleArn ? { roleArn: cluster.roleArn } : {}),
    addressId: cluster.addressId,
    shippingOption: cluster.shippingOption,
    capacity: cluster.capacity ?? capacityFor(cluster.snowballType, undefined),
    requested: { ...cluster.requested },
  });
  if (ltp) {
    attachJob(ltp, node);
    node.longTermPricingId = ltp.id;
  }
  return node;
}

/** Adds a node; the last one brings the cluster to quorum, and every node's clock starts then. */
export function addClusterNode(store: Store, cluster: ClusterRecord, node: JobRecord, now: number): void {
  store.addJob(node);
  cluster.jobIds.push(node.jobId);
  if (cluster.jobIds.length >= (cluster.size ?? DEFAULT_CLUSTER_SIZE)) {
    cluster.state = 'Pending';
    for (const id of cluster.jobIds) store.setJobState(id, 'New', now);
  }
}

const MISSING_WITHOUT_CLUSTER = ['JobType', 'SnowballType', 'AddressId', 'ShippingOption'] as const;

export const createJob: Operation = (ctx, input) => {
  if (typeof input.ClusterId === 'string') {
    return { JobId: createClusterNode(ctx, requireCluster(ctx, input), input) };
  }
  const missing = MISSING_WITHOUT_CLUSTER.filter((m) => input[m] === undefined);
  if (missing.length > 0) {
    throw invalidInputCombination(
      `A job that is not a cluster node needs JobType, SnowballType, AddressId and ShippingOption; missing: ${missing.join(', ')}.`,
    );
  }
  const jobType = input.JobType as JobType;
  const type = input.SnowballType as SnowballType;
  const capacity = checkOrder(ctx, jobType, type, input);
  const ltp =
    typeof input.LongTermPricingId === 'string'
      ? requireLongTermPricing(ctx, input.LongTermPricingId, type)
      : undefined;

  const now = ctx.clock.now();
  const job = newJobRecord(ctx.ids, now, {
    region: ctx.region,
    jobType,
    snowballType: type,
    description: (input.Description as string | undefined) ?? '',
    isMaster: jobType === 'EXPORT',
    bucketArns: bucketArnsOf(input) ?? [],
    kmsKeyArn: (input.KmsKeyARN as string | undefined) ?? defaultKmsKey(ctx, partitionOf(ctx.region)),
    ...(typeof input.RoleARN === 'string' ? { roleArn: input.RoleARN } : {}),
    addressId: input.AddressId as string,
    shippingOption: input.ShippingOption as ShippingOption,
    capacity,
    requested: requestedOf(input),
  });
  if (ltp) {
    attachJob(ltp, job);
    job.longTermPricingId = ltp.id;
  }
  ctx.store.addJob(job);
  return { JobId: job.jobId };
};

/** UpdateJob and CancelJob work only while the job is New (the API reference). */
function requireNew(job: JobRecord, action: string): void {
  if (job.state !== 'New') {
    throw invalidJobState(
      `Job ${job.jobId} is in the ${job.state} state; it can be ${action} only while it is New, before it moves to PreparingAppliance.`,
    );
  }
}

export const updateJob: Operation = (ctx, input) => {
  const job = requireJob(ctx, input);
  requireNew(job, 'updated');
  checkChanges(ctx, job, input);
  const capacity =
    input.SnowballCapacityPreference !== undefined
      ? capacityFor(job.snowballType, input.SnowballCapacityPreference)
      : job.capacity;
  job.capacity = capacity;
  if (typeof input.RoleARN === 'string') job.roleArn = input.RoleARN;
  if (typeof input.AddressId === 'string') job.addressId = input.AddressId;
  if (typeof input.ShippingOption === 'string') job.shippingOption = input.ShippingOption as ShippingOption;
  if (typeof input.Description === 'string') job.description = input.Description;
  const buckets = bucketArnsOf(input);
  if (buckets) job.bucketArns = buckets;
  job.requested = requestedOf(input, job.requested);
  return {};
};

export const cancelJob: Operation = (ctx, input) => {
  const job = requireJob(ctx, input);
  if (job.clusterId) {
    throw invalidJobState(
      `Job ${job.jobId} is a node of cluster ${job.clusterId}; cancel the cluster with CancelCluster.`,
    );
  }
  requireNew(job, 'cancelled');
  ctx.store.setJobState(job.jobId, 'Cancelled', ctx.clock.now());
  return {};
};
