import { CLUSTER_JOB_TYPE, CLUSTER_SNOWBALL_TYPES, DEFAULT_CLUSTER_SIZE, MIN_CLUSTER_SIZE } from '../catalog';
import { invalidInputCombination, invalidJobState } from '../errors';
import type { ClusterRecord, JobType, ShippingOption, SnowballType } from '../model';
import { partitionOf } from '../regions';
import type { Operation } from './context';
import { requireCluster } from './context';
import { addClusterNode, nodeJob } from './job-orders';
import { requireLongTermPricing } from './long-term-pricing';
import { bucketArnsOf, checkChanges, checkOrder, defaultKmsKey, requestedOf } from './order-checks';
import { jobListEntry } from '../shapes';

function requireAwaitingQuorum(cluster: ClusterRecord, action: string): void {
  if (cluster.state !== 'AwaitingQuorum') {
    throw invalidJobState(
      `Cluster ${cluster.clusterId} is in the ${cluster.state} state; it can be ${action} only while it is AwaitingQuorum.`,
    );
  }
}

export const createCluster: Operation = (ctx, input) => {
  const jobType = input.JobType as JobType;
  const type = input.SnowballType as SnowballType;
  if (jobType !== CLUSTER_JOB_TYPE || !CLUSTER_SNOWBALL_TYPES.has(type)) {
    throw invalidInputCombination(
      `Clusters are ${CLUSTER_JOB_TYPE} jobs on ${[...CLUSTER_SNOWBALL_TYPES].join(', ')} devices; JobType ${jobType} with SnowballType ${type} cannot be clustered.`,
    );
  }
  const capacity = checkOrder(ctx, jobType, type, input);
  const initial = typeof input.InitialClusterSize === 'number' ? input.InitialClusterSize : 0;
  if (initial > 0 && initial < MIN_CLUSTER_SIZE && input.ForceCreateJobs !== true) {
    throw invalidInputCombination(
      `A cluster of ${initial} node(s) is under-provisioned (at least ${MIN_CLUSTER_SIZE}); set ForceCreateJobs to create it anyway.`,
    );
  }
  const ltpIds = (input.LongTermPricingIds as string[] | undefined) ?? [];
  if (ltpIds.length > 0 && ltpIds.length !== initial) {
    throw invalidInputCombination(
      `LongTermPricingIds names ${ltpIds.length} pricing(s) for ${initial} node job(s); give one per node.`,
    );
  }
  const ltps = ltpIds.map((id) => requireLongTermPricing(ctx, id, type));

  const now = ctx.clock.now();
  const cluster: ClusterRecord = {
    clusterId: `CID${ctx.ids.uuid()}`,
    region: ctx.region,
    state: 'AwaitingQuorum',
    jobType,
    snowballType: type,
    createdAt: now,
    description: (input.Description as string | undefined) ?? '',
    kmsKeyArn: (input.KmsKeyARN as string | undefined) ?? defaultKmsKey(ctx, partitionOf(ctx.region)),
    ...(typeof input.RoleARN === 'string' ? { roleArn: input.RoleARN } : {}),
    addressId: input.AddressId as string,
    shippingOption: input.ShippingOption as ShippingOption,
    bucketArns: bucketArnsOf(input) ?? [],
    jobIds: [],
    size: initial > 0 ? initial : DEFAULT_CLUSTER_SIZE,
    capacity,
    requested: requestedOf(input),
    lifecycle: { enteredAt: now },
  };
  ctx.store.addCluster(cluster);
  const created = [];
  for (let i = 0; i < initial; i++) {
    const node = nodeJob(
      ctx.ids,
      now,
      cluster,
      `${cluster.description || 'Cluster'} - node ${i + 1}`,
      ltps[i],
    );
    addClusterNode(ctx.store, cluster, node, now);
    created.push(node);
  }
  return {
    ClusterId: cluster.clusterId,
    JobListEntries: created.length ? created.map(jobListEntry) : undefined,
  };
};

export const updateCluster: Operation = (ctx, input) => {
  const cluster = requireCluster(ctx, input);
  requireAwaitingQuorum(cluster, 'updated');
  checkChanges(ctx, cluster, input);
  if (typeof input.RoleARN === 'string') cluster.roleArn = input.RoleARN;
  if (typeof input.AddressId === 'string') cluster.addressId = input.AddressId;
  if (typeof input.ShippingOption === 'string')
    cluster.shippingOption = input.ShippingOption as ShippingOption;
  if (typeof input.Description === 'string') cluster.description = input.Description;
  const buckets = bucketArnsOf(input);
  if (buckets) cluster.bucketArns = buckets;
  cluster.requested = requestedOf(input, cluster.requested);
  // Node jobs carry the cluster's shipping, role and resources.
  for (const node of ctx.store.clusterJobs(cluster)) {
    node.addressId = cluster.addressId;
    node.shippingOption = cluster.shippingOption;
    node.bucketArns = cluster.bucketArns;
    if (cluster.roleArn) node.roleArn = cluster.roleArn;
    node.requested = { ...node.requested, ...cluster.requested };
  }
  return {};
};

export const cancelCluster: Operation = (ctx, input) => {
  const cluster = requireCluster(ctx, input);
  requireAwaitingQuorum(cluster, 'cancelled');
  cluster.state = 'Cancelled';
  for (const id of cluster.jobIds) ctx.store.setJobState(id, 'Cancelled', ctx.clock.now());
  return {};
};
