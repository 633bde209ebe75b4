/**
 * Fault injection. A fault matches an operation (or `*`), optionally one region, and fires for the next
 * `count` matching requests (`*` = until cleared).
 *
 * Text form (CLI `--fault`, admin `{"spec": …}`):  OPERATION[@REGION]:KIND[:COUNT[:ARG]]
 *   GetJobManifest:throttle:3        ThrottlingException (HTTP 400, "Rate exceeded") for the next 3 calls
 *   ListJobs@eu-west-1:503:2         503 ServiceUnavailable, only for calls signed for eu-west-1
 *   DescribeJob:500                  500 InternalFailure once
 *   *:reset:1                        destroy the socket without answering
 *   ManifestDownload:slow:1:3000     dribble the response body over 3000 ms
 *   ManifestDownload:truncate:1:1024 send Content-Length for the whole body, then 1024 bytes, then close
 *   GetJobManifest:expire:1          hand out a presigned URL that has already expired
 *   ListJobs:expired-token:*         ExpiredTokenException: the caller's temporary credentials ran out
 */
export const FAULT_KINDS = [
  'throttle',
  '500',
  '503',
  'reset',
  'slow',
  'truncate',
  'expire',
  'expired-token',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that replace or reshape the whole response, decided before the operation runs. */
export const REQUEST_FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  '500',
  '503',
  'reset',
  'slow',
  'truncate',
  'expired-token',
];

/** Presigned downloads carry no caller credentials, so an expired token cannot happen to them. */
export const DOWNLOAD_FAULT_KINDS: readonly FaultKind[] = REQUEST_FAULT_KINDS.filter(
  (k) => k !== 'expired-token',
);

/** Pseudo-operations for GETs of presigned object URLs. */
export const DOWNLOAD_OPERATIONS = ['ManifestDownload', 'LabelDownload', 'UpdateDownload'] as const;

const URL_ISSUING = new Set(['GetJobManifest', 'GetSoftwareUpdates', 'DescribeReturnShippingLabel', '*']);

export const DEFAULT_SLOW_MS = 2000;

export interface FaultSpec {
  /** An operation name, a download pseudo-operation, or `*`. */
  operation: string;
  region?: string;
  kind: FaultKind;
  /** How many matching requests it fires for; `Infinity` (text `*`) until cleared. Default 1. */
  count?: number;
  /** slow: total time to dribble the body over. */
  durationMs?: number;
  /** truncate: bytes to send before closing (default: half the body). */
  bytes?: number;
}

export interface ActiveFault {
  id: number;
  operation: string;
  region?: string;
  kind: FaultKind;
  remaining: number;
  durationMs?: number;
  bytes?: number;
}

function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

function nonNegativeInt(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${what} must be a non-negative integer, got '${text}'`);
  return Number(text);
}

export function parseFaultSpec(text: string): FaultSpec {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 4) {
    throw new Error(`fault '${text}' is not OPERATION[@REGION]:KIND[:COUNT[:ARG]]`);
  }
  const [target = '', kind = '', countText, arg] = parts;
  const [operation = '', region, ...rest] = target.split('@');
  if (!operation || rest.length > 0 || region === '')
    throw new Error(`fault '${text}': bad OPERATION[@REGION]`);
  if (!isFaultKind(kind)) throw new Error(`fault '${text}': kind must be one of ${FAULT_KINDS.join(', ')}`);
  const spec: FaultSpec = { operation, kind };
  if (region) spec.region = region;
  if (countText !== undefined && countText !== '') {
    spec.count = countText === '*' ? Infinity : nonNegativeInt(countText, 'COUNT');
  }
  if (arg !== undefined) {
    if (kind === 'slow') spec.durationMs = nonNegativeInt(arg, 'slow duration (ms)');
    else if (kind === 'truncate') spec.bytes = nonNegativeInt(arg, 'truncate bytes');
    else throw new Error(`fault '${text}': kind ${kind} takes no argument`);
  }
  return spec;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly knownOperations: ReadonlySet<string>) {}

  add(input: FaultSpec | string): ActiveFault {
    const spec = typeof input === 'string' ? parseFaultSpec(input) : input;
    if (!isFaultKind(spec.kind)) throw new Error(`unknown fault kind '${String(spec.kind)}'`);
    if (spec.operation !== '*' && !this.knownOperations.has(spec.operation)) {
      throw new Error(`unknown operation '${spec.operation}' in fault`);
    }
    if (spec.kind === 'expire' && !URL_ISSUING.has(spec.operation)) {
      throw new Error(
        `fault kind 'expire' applies to GetJobManifest, GetSoftwareUpdates or DescribeReturnShippingLabel`,
      );
    }
    if (
      spec.kind === 'expired-token' &&
      (DOWNLOAD_OPERATIONS as readonly string[]).includes(spec.operation)
    ) {
      throw new Error(
        `fault kind 'expired-token' applies to API and STS operations, not to ${spec.operation}`,
      );
    }
    const count = spec.count ?? 1;
    if (!(count >= 0)) throw new Error('fault count must be >= 0');
    const fault: ActiveFault = {
      id: this.nextId++,
      operation: spec.operation,
      kind: spec.kind,
      remaining: count,
    };
    if (spec.region) fault.region = spec.region;
    if (spec.kind === 'slow') fault.durationMs = spec.durationMs ?? DEFAULT_SLOW_MS;
    if (spec.kind === 'truncate' && spec.bytes !== undefined) fault.bytes = spec.bytes;
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Consumes one firing of the first fault of one of `kinds` that matches, if any. */
  take(operation: string, region: string | undefined, kinds: readonly FaultKind[]): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        kinds.includes(f.kind) &&
        (f.operation === '*' || f.operation === operation) &&
        (f.region === undefined || f.region === region),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}

/** JSON-friendly view (Infinity does not survive JSON). */
export function describeFault(f: ActiveFault): Record<string, unknown> {
  return { ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : '*' };
}
