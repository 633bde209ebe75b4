import type { AddressInfo } from 'node:net';
import { newAdminSecret } from './admin';
import type { Clock } from './clock';
import { OffsetClock, systemClock } from './clock';
import type { DemoSummary } from './demo-data';
import { DEMO_REGIONS, buildDemoData } from './demo-data';
import type { ActiveFault, FaultSpec } from './faults';
import { DOWNLOAD_OPERATIONS, FaultRegistry } from './faults';
import { DEFAULT_MANIFEST_BYTES, JobSecrets } from './job-secrets';
import type { JobRecord, JobState } from './model';
import { JOB_STATES } from './model';
import { OPERATIONS } from './operations';
import { DEFAULT_PAGE_SIZE, TokenCodec } from './pagination';
import { ObjectUrlSigner } from './presign';
import { isKnownRegion } from './regions';
import { Rng } from './rng';
import { bringUpToDate } from './router';
import type { RequestFilter, RequestRecord } from './request-log';
import { RequestLog } from './request-log';
import { DEFAULT_BODY_TIMEOUT_MS, createEmulatorServer } from './server';
import type { EmulatorState } from './state';
import { IdentityCenter, type SignInView } from './sso/identity-center';
import { SSO_OPERATIONS } from './sso/route';
import { Store } from './store';

export { ManualClock, OffsetClock, systemClock } from './clock';
export type { Clock } from './clock';
export {
  DEMO_ACCOUNT_ID,
  DEMO_CREDENTIALS,
  DEMO_SESSION_CREDENTIALS,
  DEMO_USER_ARN,
  DEMO_USER_ID,
} from './credentials';
export { DEMO_REGIONS } from './demo-data';
export type { DemoSummary } from './demo-data';
export { ADMIN_SECRET_HEADER } from './admin';
export { FAULT_KINDS, parseFaultSpec } from './faults';
export type { ActiveFault, FaultKind, FaultSpec } from './faults';
export { decodeManifest, encodeManifest, verifyUnlockCode, UNLOCK_CODE_PATTERN } from './manifest-format';
export { JOB_STATES, SNOWBALL_TYPES } from './model';
export type { JobState, SnowballType } from './model';
export { US_SHARED_VIEW_REGIONS, SNOWBALL_REGIONS } from './regions';
export type { RequestFilter, RequestRecord } from './request-log';
export {
  DEMO_SSO_ACCOUNTS,
  DEMO_SSO_REGION,
  DEMO_SSO_START_URL,
  DEMO_SSO_USER,
  SSO_SECRET_MARKERS,
} from './sso/directory';
export type { SignInView } from './sso/identity-center';
export { DEVICE_SECRET_MARKER, newDeviceKeys } from './device/simulated-site';
export { makeDeviceCertificate } from './device/device-certificate';
export { startDeviceS3 } from './device/device-s3';

export const DEFAULT_SEED = 'snowball-demo';

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** Time source; wrapped in an OffsetClock so admin routes and advanceClock() can move it. */
  clock?: Clock;
  seed?: string | number;
  /** Extra generated jobs in each of `regions`. */
  jobsPerRegion?: number;
  /** Where generated jobs go; default the four demo regions. */
  regions?: readonly string[];
  /** Delay before every API or download request is answered. */
  latencyMs?: number;
  /** Size of each manifest file (default 48 KiB). */
  manifestBytes?: number;
  faults?: ReadonlyArray<FaultSpec | string>;
  /** Page size when MaxResults is absent (default 100). */
  defaultPageSize?: number;
  /** The admin routes' secret; default a fresh random one per launch (read it from `adminSecret`). */
  adminSecret?: string;
  /** Give up on a request body that sends nothing for this long (default 20 s). */
  bodyTimeoutMs?: number;
  /** Called once per request with a one-line summary (no secrets). */
  log?: (line: string, record: RequestRecord) => void;
}

export interface JobSecretsView {
  jobId: string;
  unlockCode: string;
  manifestSha256: string;
  manifestBytes: number;
}

export interface Emulator {
  /** `http://HOST:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The secret the admin routes require in the `x-emulator-admin-secret` header. Never log it. */
  readonly adminSecret: string;
  readonly clock: OffsetClock;
  /** Ids of the special demo jobs for this seed. */
  readonly demo: DemoSummary;
  stop(): Promise<void>;
  now(): number;
  advanceClock(ms: number): void;
  setClock(ms: number): void;
  setLatency(ms: number): void;
  addFault(spec: FaultSpec | string): ActiveFault;
  clearFaults(): void;
  listFaults(): ActiveFault[];
  requests(filter?: RequestFilter): RequestRecord[];
  resetRequests(): void;
  /** Moves a job to another state; returns the state it had. */
  setJobState(jobId: string, state: JobState): JobState;
  /** A copy of a job's record, for assertions. */
  job(jobId: string): JobRecord | undefined;
  /** For tests and e2e only: the job's unlock code and its manifest's digest. */
  jobSecrets(jobId: string): Promise<JobSecretsView>;
  /** IAM Identity Center: the sign-ins waiting, and what the person does on the verification page. */
  sso: {
    signIns(): SignInView[];
    decide(userCode: string, decision: 'approve' | 'deny'): SignInView;
    slowDown(userCode: string, count: number): SignInView;
  };
}

function requireNonNegativeInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${what} must be a non-negative integer`);
  return value;
}

/** Starts an emulator over real HTTP on loopback. */
export async function start(options: StartOptions = {}): Promise<Emulator> {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const clock = new OffsetClock(options.clock ?? systemClock);
  const scaleRegions = [...(options.regions ?? DEMO_REGIONS)];
  for (const r of scaleRegions) if (!isKnownRegion(r)) throw new Error(`unknown region '${r}'`);
  const store = new Store();
  const demo = buildDemoData(store, {
    seed,
    now: clock.now(),
    jobsPerRegion: requireNonNegativeInt(options.jobsPerRegion ?? 0, 'jobsPerRegion'),
    scaleRegions,
  });
  const faults = new FaultRegistry(
    new Set([...Object.keys(OPERATIONS), 'GetCallerIdentity', ...DOWNLOAD_OPERATIONS, ...SSO_OPERATIONS]),
  );
  const state: EmulatorState = {
    clock,
    store,
    secrets: new JobSecrets(
      seed,
      requireNonNegativeInt(options.manifestBytes ?? DEFAULT_MANIFEST_BYTES, 'manifestBytes'),
    ),
    urls: new ObjectUrlSigner(seed),
    tokens: new TokenCodec(seed),
    faults,
    requests: new RequestLog(),
    demo,
    latencyMs: requireNonNegativeInt(options.latencyMs ?? 0, 'latencyMs'),
    defaultPageSize: options.defaultPageSize ?? DEFAULT_PAGE_SIZE,
    ids: new Rng(`${seed}|api`),
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    adminSecret: options.adminSecret ?? newAdminSecret(),
    sso: new IdentityCenter(clock),
  };
  if (state.adminSecret.length < 16) throw new Error('adminSecret must be at least 16 characters');
  if (!(state.bodyTimeoutMs > 0)) throw new Error('bodyTimeoutMs must be positive');
  if (options.log) state.log = options.log;
  if (state.defaultPageSize < 1 || state.defaultPageSize > 100)
    throw new Error('defaultPageSize must be 1..100');
  for (const f of options.faults ?? []) faults.add(f);

  const server = createEmulatorServer(state);
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const requireJob = (jobId: string): JobRecord => {
    const job = store.jobs.get(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return job;
  };

  return {
    url: `http://${urlHost}:${port}`,
    port,
    adminSecret: state.adminSecret,
    clock,
    demo,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    now: () => clock.now(),
    advanceClock: (ms) => clock.advance(ms),
    setClock: (ms) => clock.set(ms),
    setLatency: (ms) => {
      state.latencyMs = requireNonNegativeInt(ms, 'latency');
    },
    addFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    requests: (filter) => state.requests.list(filter),
    resetRequests: () => {
      state.requests.clear();
    },
    setJobState: (jobId, next) => {
      if (!(JOB_STATES as readonly string[]).includes(next)) throw new Error(`unknown state ${next}`);
      bringUpToDate(state);
      const previous = requireJob(jobId).state;
      store.setJobState(jobId, next, clock.now());
      return previous;
    },
    job: (jobId) => {
      bringUpToDate(state);
      const job = store.jobs.get(jobId);
      return job ? structuredClone(job) : undefined;
    },
    sso: {
      signIns: () => state.sso.signIns(),
      decide: (userCode, decision) => state.sso.decide(userCode, decision),
      slowDown: (userCode, count) => state.sso.slowDown(userCode, count),
    },
    jobSecrets: async (jobId) => {
      const job = requireJob(jobId);
      return {
        jobId,
        unlockCode: state.secrets.unlockCode(jobId),
        manifestSha256: await state.secrets.manifestSha256(job),
        manifestBytes: state.secrets.manifestSize(job),
      };
    },
  };
}
