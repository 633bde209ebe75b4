import {
  CAPACITIES,
  SNOWCONE_TYPES,
  STANDARD_DEVICE_REGIONS,
  compatibleImages,
  snowballAmiId,
} from '../catalog';
import { DEMO_ACCOUNT_ID } from '../credentials';
import { ApiError, invalidInputCombination, invalidResource } from '../errors';
import type { JobType, SnowballCapacity, SnowballType } from '../model';
import type { OperationContext } from './context';
import { requireAddress } from './context';

/**
 * The checks CreateJob, UpdateJob, CreateCluster and UpdateCluster share, each answering with the modeled
 * error the API reference gives for it.
 */
type Input = Record<string, unknown>;

const kmsFailed = (message: string): ApiError => new ApiError('KMSRequestFailedException', message);
const ec2Failed = (message: string): ApiError => new ApiError('Ec2RequestFailedException', message);

function arnParts(arn: string): { partition: string; service: string; region: string; account: string } {
  const [, partition = '', service = '', region = '', account = ''] = arn.split(':');
  return { partition, service, region, account };
}

/** The key must be the caller's, in the region of the job: KMS keys do not cross regions. */
export function checkKmsKey(ctx: OperationContext, arn: string | undefined): void {
  if (arn === undefined) return;
  const key = arnParts(arn);
  if (key.account !== DEMO_ACCOUNT_ID || key.region !== ctx.region) {
    throw kmsFailed(
      `The KMS key ${arn} cannot be used for a job in ${ctx.region} of account ${DEMO_ACCOUNT_ID}. Use a key of this account in this region.`,
    );
  }
}

export function checkRole(arn: string | undefined): void {
  if (arn === undefined) return;
  if (arnParts(arn).account !== DEMO_ACCOUNT_ID) {
    throw invalidResource(`The IAM role ${arn} does not exist in account ${DEMO_ACCOUNT_ID}.`, 'ROLE');
  }
}

/** The default key when none is given: the account's AWS-managed key for the service in the region. */
export function defaultKmsKey(ctx: OperationContext, partition: string): string {
  return `arn:${partition}:kms:${ctx.region}:${DEMO_ACCOUNT_ID}:key/${ctx.ids.uuid()}`;
}

export function checkDeviceInRegion(ctx: OperationContext, type: SnowballType): void {
  if (type === 'STANDARD' && !STANDARD_DEVICE_REGIONS.has(ctx.region)) {
    throw invalidInputCombination(
      `SnowballType STANDARD is available only in cn-north-1, cn-northwest-1 and ap-southeast-1, not in ${ctx.region}. Choose a Snowball Edge device type.`,
    );
  }
}

/** The capacity to record: the one asked for if the device comes in it, the device's default otherwise. */
export function capacityFor(type: SnowballType, asked: unknown): SnowballCapacity {
  const offered = CAPACITIES[type];
  if (asked === undefined || asked === 'NoPreference') return offered[0] ?? 'NoPreference';
  if (!offered.includes(asked as SnowballCapacity)) {
    throw invalidInputCombination(
      `SnowballCapacityPreference ${String(asked)} is not offered for SnowballType ${type}; choose ${offered.join(' or ')} or NoPreference.`,
    );
  }
  return asked as SnowballCapacity;
}

export function checkAddresses(ctx: OperationContext, input: Input): void {
  if (typeof input.AddressId === 'string') requireAddress(ctx, input.AddressId);
  if (typeof input.ForwardingAddressId === 'string') requireAddress(ctx, input.ForwardingAddressId);
}

/** IMPORT and EXPORT move data through S3, so they need buckets and a role; AMIs need a device that runs them. */
export function checkResources(
  ctx: OperationContext,
  jobType: JobType,
  type: SnowballType,
  input: Input,
): void {
  const resources = (input.Resources ?? {}) as {
    S3Resources?: unknown[];
    Ec2AmiResources?: { AmiId: string; SnowballAmiId?: string }[];
  };
  if (jobType !== 'LOCAL_USE') {
    if (!resources.S3Resources?.length) {
      throw invalidInputCombination(
        `A ${jobType} job needs at least one S3 bucket in Resources.S3Resources.`,
      );
    }
    if (input.RoleARN === undefined) {
      throw invalidInputCombination(
        `A ${jobType} job needs a RoleARN that lets Snowball use its S3 buckets.`,
      );
    }
  }
  const amis = resources.Ec2AmiResources ?? [];
  if (amis.length > 0 && (type === 'STANDARD' || type === 'EDGE_S')) {
    throw invalidInputCombination(
      `SnowballType ${type} does not run EC2-compatible instances; remove Ec2AmiResources.`,
    );
  }
  const known = new Set(compatibleImages(ctx.region).map((i) => i.AmiId));
  for (const ami of amis) {
    if (!known.has(ami.AmiId)) {
      throw ec2Failed(
        `The AMI ${ami.AmiId} is not an image of this account that Snow devices can run (see ListCompatibleImages).`,
      );
    }
    ami.SnowballAmiId = snowballAmiId(ami.AmiId);
  }
}

export function checkDeviceOptions(ctx: OperationContext, type: SnowballType, input: Input): void {
  if (input.DeviceConfiguration !== undefined && !SNOWCONE_TYPES.has(type)) {
    throw invalidInputCombination(
      `DeviceConfiguration applies to Snowcone devices only, not to SnowballType ${type}.`,
    );
  }
  const tax = input.TaxDocuments as { IND?: unknown } | undefined;
  if (tax?.IND !== undefined && ctx.region !== 'ap-south-1') {
    throw invalidInputCombination('TaxDocuments.IND (GSTIN) applies to jobs in ap-south-1 only.');
  }
  const tgw = (
    input.OnDeviceServiceConfiguration as { TGWOnDeviceService?: { StorageLimit?: number } } | undefined
  )?.TGWOnDeviceService;
  if (tgw?.StorageLimit !== undefined && tgw.StorageLimit !== 80) {
    throw invalidInputCombination(
      'TGWOnDeviceService.StorageLimit must be 80 virtual tapes on a Snowball Edge device.',
    );
  }
}

/** The members DescribeJob/DescribeCluster show as given; the rest live in the record's own fields. */
export const REQUESTED_MEMBERS = [
  'Resources',
  'Notification',
  'OnDeviceServiceConfiguration',
  'ForwardingAddressId',
  'TaxDocuments',
  'DeviceConfiguration',
  'RemoteManagement',
  'ImpactLevel',
  'PickupDetails',
] as const;

export function requestedOf(input: Input, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...previous };
  for (const name of REQUESTED_MEMBERS) if (input[name] !== undefined) out[name] = input[name];
  return out;
}

export function bucketArnsOf(input: Input): string[] | undefined {
  const s3 = (input.Resources as { S3Resources?: { BucketArn?: string }[] } | undefined)?.S3Resources;
  return s3?.map((r) => r.BucketArn).filter((a): a is string => typeof a === 'string');
}

/** Every check a new job or cluster passes before it exists; returns the capacity to record. */
export function checkOrder(
  ctx: OperationContext,
  jobType: JobType,
  type: SnowballType,
  input: Input,
): SnowballCapacity {
  checkDeviceInRegion(ctx, type);
  const capacity = capacityFor(type, input.SnowballCapacityPreference);
  checkAddresses(ctx, input);
  checkKmsKey(ctx, input.KmsKeyARN as string | undefined);
  checkRole(input.RoleARN as string | undefined);
  checkResources(ctx, jobType, type, input);
  checkDeviceOptions(ctx, type, input);
  return capacity;
}

/** The checks an update passes (UpdateJob, UpdateCluster): what it changes, against what it updates. */
export function checkChanges(
  ctx: OperationContext,
  target: { jobType: JobType; snowballType: SnowballType; roleArn?: string },
  input: Input,
): void {
  checkAddresses(ctx, input);
  checkRole(input.RoleARN as string | undefined);
  if (input.Resources !== undefined) {
    checkResources(ctx, target.jobType, target.snowballType, { RoleARN: target.roleArn, ...input });
  }
  checkDeviceOptions(ctx, target.snowballType, input);
}
