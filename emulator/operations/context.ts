import type { Clock } from '../clock';
import { invalidResource } from '../errors';
import type { ActiveFault, FaultKind } from '../faults';
import type { JobSecrets } from '../job-secrets';
import type { AddressRecord, ClusterRecord, JobRecord } from '../model';
import type { ObjectKind } from '../objects';
import { objectLocation } from '../objects';
import type { TokenCodec } from '../pagination';
import type { ObjectUrlSigner } from '../presign';
import type { Rng } from '../rng';
import type { Store } from '../store';

/** Everything an operation may touch. One per request. */
export interface OperationContext {
  store: Store;
  clock: Clock;
  /** Region of the credential scope. */
  region: string;
  /** Host header of the request: presigned URLs point back at the same address the client used. */
  host: string;
  secrets: JobSecrets;
  urls: ObjectUrlSigner;
  tokens: TokenCodec;
  defaultPageSize: number;
  /** Seeded source of the ids of what the API creates (jobs, clusters, addresses, long-term pricing). */
  ids: Rng;
  /** Consumes a fault of `kind` aimed at this operation and region, if one is armed. */
  takeFault(kind: FaultKind): ActiveFault | undefined;
}

export type Operation = (
  ctx: OperationContext,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>> | Record<string, unknown>;

export function requireJob(ctx: OperationContext, input: Record<string, unknown>): JobRecord {
  const jobId = String(input.JobId);
  const job = ctx.store.findJob(jobId, ctx.region);
  if (!job) throw invalidResource(`The specified job ID ${jobId} does not exist.`, 'JOB');
  return job;
}

export function requireCluster(ctx: OperationContext, input: Record<string, unknown>): ClusterRecord {
  const clusterId = String(input.ClusterId);
  const cluster = ctx.store.findCluster(clusterId, ctx.region);
  if (!cluster) throw invalidResource(`The specified cluster ID ${clusterId} does not exist.`, 'CLUSTER');
  return cluster;
}

export function requireAddress(ctx: OperationContext, addressId: string): AddressRecord {
  const record = ctx.store.findAddress(addressId, ctx.region);
  if (!record) throw invalidResource(`The specified address ID ${addressId} does not exist.`, 'ADDRESS');
  return record;
}

/** One page of a list operation's items; the token is bound to the operation and `scope`. */
export function pageOf<T>(
  ctx: OperationContext,
  items: readonly T[],
  scope: string,
  input: Record<string, unknown>,
): { items: T[]; nextToken?: string } {
  return ctx.tokens.page(
    items,
    scope,
    optionalInt(input, 'MaxResults'),
    optionalString(input, 'NextToken'),
    ctx.defaultPageSize,
  );
}

export function optionalInt(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  return typeof v === 'number' ? v : undefined;
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A presigned URL for one of the job's objects, signed for the job's own region. With an `expire` fault
 * armed it is signed far enough in the past to be dead on arrival.
 */
export async function issueObjectUrl(
  ctx: OperationContext,
  kind: ObjectKind,
  job: JobRecord,
  ttlSeconds: number,
): Promise<string> {
  const now = ctx.clock.now();
  const expired = ctx.takeFault('expire') !== undefined;
  const { bucket, key } = objectLocation(kind, job.region, job.jobId);
  return ctx.urls.presign({
    host: ctx.host,
    bucket,
    key,
    region: job.region,
    signingTime: expired ? now - (ttlSeconds + 1) * 1000 : now,
    expiresIn: ttlSeconds,
  });
}
