import { invalidResource } from '../errors';
import { viewKeyOf } from '../regions';
import { clusterListEntry, clusterMetadata, jobListEntry } from '../shapes';
import type { Operation, OperationContext } from './context';
import { optionalInt, optionalString } from './context';

function requireCluster(ctx: OperationContext, input: Record<string, unknown>) {
  const clusterId = String(input.ClusterId);
  const cluster = ctx.store.findCluster(clusterId, ctx.region);
  if (!cluster) throw invalidResource(`The specified cluster ID ${clusterId} does not exist.`, 'CLUSTER');
  return cluster;
}

export const listClusters: Operation = (ctx, input) => {
  const page = ctx.tokens.page(
    ctx.store.clustersInView(ctx.region),
    `ListClusters|${viewKeyOf(ctx.region)}`,
    optionalInt(input, 'MaxResults'),
    optionalString(input, 'NextToken'),
    ctx.defaultPageSize,
  );
  return { ClusterListEntries: page.items.map(clusterListEntry), NextToken: page.nextToken };
};

export const listClusterJobs: Operation = (ctx, input) => {
  const cluster = requireCluster(ctx, input);
  const page = ctx.tokens.page(
    ctx.store.clusterJobs(cluster),
    `ListClusterJobs|${cluster.clusterId}`,
    optionalInt(input, 'MaxResults'),
    optionalString(input, 'NextToken'),
    ctx.defaultPageSize,
  );
  return { JobListEntries: page.items.map(jobListEntry), NextToken: page.nextToken };
};

export const describeCluster: Operation = (ctx, input) => ({
  ClusterMetadata: clusterMetadata(requireCluster(ctx, input)),
});
