import { viewKeyOf } from '../regions';
import { clusterListEntry, clusterMetadata, jobListEntry } from '../shapes';
import type { Operation } from './context';
import { pageOf, requireCluster } from './context';

export const listClusters: Operation = (ctx, input) => {
  const page = pageOf(
    ctx,
    ctx.store.clustersInView(ctx.region),
    `ListClusters|${viewKeyOf(ctx.region)}`,
    input,
  );
  return { ClusterListEntries: page.items.map(clusterListEntry), NextToken: page.nextToken };
};

export const listClusterJobs: Operation = (ctx, input) => {
  const cluster = requireCluster(ctx, input);
  const page = pageOf(ctx, ctx.store.clusterJobs(cluster), `ListClusterJobs|${cluster.clusterId}`, input);
  return { JobListEntries: page.items.map(jobListEntry), NextToken: page.nextToken };
};

export const describeCluster: Operation = (ctx, input) => ({
  ClusterMetadata: clusterMetadata(requireCluster(ctx, input)),
});
