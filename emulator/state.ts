import type { IncomingHttpHeaders } from 'node:http';
import type { QueryParameterBag } from '@smithy/types';
import type { OffsetClock } from './clock';
import type { DemoSummary } from './demo-data';
import type { ActiveFault, FaultRegistry } from './faults';
import type { JobSecrets } from './job-secrets';
import type { TokenCodec } from './pagination';
import type { ObjectUrlSigner } from './presign';
import type { Rng } from './rng';
import type { Reply } from './reply';
import type { RequestLog, RequestRecord, WireProtocol } from './request-log';
import type { IdentityCenter } from './sso/identity-center';
import type { Store } from './store';

/** Everything one running emulator holds. */
export interface EmulatorState {
  clock: OffsetClock;
  store: Store;
  secrets: JobSecrets;
  urls: ObjectUrlSigner;
  tokens: TokenCodec;
  faults: FaultRegistry;
  requests: RequestLog;
  demo: DemoSummary;
  latencyMs: number;
  defaultPageSize: number;
  /** A request body that stalls this long before its Content-Length is reached is given up. */
  bodyTimeoutMs: number;
  /** The per-launch secret the admin routes require. */
  adminSecret: string;
  /** Seeded ids for what the API creates, so a seed replays the same ids. */
  ids: Rng;
  /** IAM Identity Center (sso-oidc and sso), see sso/. */
  sso: IdentityCenter;
  log?: (line: string, record: RequestRecord) => void;
}

/** A received request, body read. */
export interface Incoming {
  method: string;
  rawPath: string;
  search: string;
  query: QueryParameterBag;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

/** What routing decided: a reply (or a reset), plus what the request log needs. */
export interface Outcome {
  reply?: Reply;
  reset?: boolean;
  operation: string;
  region?: string;
  protocol: WireProtocol;
  /** A slow/truncate fault for the writer to apply. */
  fault?: ActiveFault;
  firedFault?: string;
}
