import { describeAddress, getSnowballUsage, getSoftwareUpdates } from './account';
import { describeCluster, listClusterJobs, listClusters } from './clusters';
import type { Operation } from './context';
import { getJobManifest, getJobUnlockCode } from './credentials';
import { describeJob, listJobs } from './jobs';
import { createReturnShippingLabel, describeReturnShippingLabel, updateJobShipmentState } from './shipping';

export type { Operation, OperationContext } from './context';

/** The Snowball operations the emulator implements. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ListJobs: listJobs,
  DescribeJob: describeJob,
  GetJobManifest: getJobManifest,
  GetJobUnlockCode: getJobUnlockCode,
  UpdateJobShipmentState: updateJobShipmentState,
  CreateReturnShippingLabel: createReturnShippingLabel,
  DescribeReturnShippingLabel: describeReturnShippingLabel,
  GetSoftwareUpdates: getSoftwareUpdates,
  GetSnowballUsage: getSnowballUsage,
  ListClusters: listClusters,
  ListClusterJobs: listClusterJobs,
  DescribeCluster: describeCluster,
  DescribeAddress: describeAddress,
};

/** In the model but not emulated: answered with UnknownOperationException and a message saying so. */
export const UNIMPLEMENTED_MODEL_OPERATIONS: ReadonlySet<string> = new Set([
  'CancelCluster',
  'CancelJob',
  'CreateAddress',
  'CreateCluster',
  'CreateJob',
  'CreateLongTermPricing',
  'DescribeAddresses',
  'ListCompatibleImages',
  'ListLongTermPricing',
  'ListPickupLocations',
  'ListServiceVersions',
  'UpdateCluster',
  'UpdateJob',
  'UpdateLongTermPricing',
]);
