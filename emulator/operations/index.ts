import { describeAddress, createAddress, describeAddresses, listPickupLocations } from './addresses';
import { getSnowballUsage, getSoftwareUpdates } from './account';
import { cancelCluster, createCluster, updateCluster } from './cluster-orders';
import { describeCluster, listClusterJobs, listClusters } from './clusters';
import type { Operation } from './context';
import { getJobManifest, getJobUnlockCode } from './credentials';
import { cancelJob, createJob, updateJob } from './job-orders';
import { describeJob, listJobs } from './jobs';
import { createLongTermPricing, listLongTermPricing, updateLongTermPricing } from './long-term-pricing';
import { listCompatibleImages, listServiceVersions } from './service-catalog';
import { createReturnShippingLabel, describeReturnShippingLabel, updateJobShipmentState } from './shipping';

export type { Operation, OperationContext } from './context';

/** Every operation of the Snowball model (27), by name. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CancelCluster: cancelCluster,
  CancelJob: cancelJob,
  CreateAddress: createAddress,
  CreateCluster: createCluster,
  CreateJob: createJob,
  CreateLongTermPricing: createLongTermPricing,
  CreateReturnShippingLabel: createReturnShippingLabel,
  DescribeAddress: describeAddress,
  DescribeAddresses: describeAddresses,
  DescribeCluster: describeCluster,
  DescribeJob: describeJob,
  DescribeReturnShippingLabel: describeReturnShippingLabel,
  GetJobManifest: getJobManifest,
  GetJobUnlockCode: getJobUnlockCode,
  GetSnowballUsage: getSnowballUsage,
  GetSoftwareUpdates: getSoftwareUpdates,
  ListClusterJobs: listClusterJobs,
  ListClusters: listClusters,
  ListCompatibleImages: listCompatibleImages,
  ListJobs: listJobs,
  ListLongTermPricing: listLongTermPricing,
  ListPickupLocations: listPickupLocations,
  ListServiceVersions: listServiceVersions,
  UpdateCluster: updateCluster,
  UpdateJob: updateJob,
  UpdateJobShipmentState: updateJobShipmentState,
  UpdateLongTermPricing: updateLongTermPricing,
};
