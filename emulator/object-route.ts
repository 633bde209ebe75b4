import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { parseRange, sliceStream } from './byte-range';
import type { ActiveFault } from './faults';
import { DOWNLOAD_FAULT_KINDS } from './faults';
import { manifestLength, manifestStream } from './manifest-format';
import { DOWNLOAD_OPERATION, resolveBucket, resolveKey, returnLabelPdf, softwareUpdateBlob } from './objects';
import type { ObjectKind } from './objects';
import type { Reply } from './reply';
import { bufferReply } from './reply';
import {
  S3Error,
  accessDenied,
  invalidRange,
  methodNotAllowed,
  noSuchBucket,
  noSuchKey,
  s3ErrorXml,
  s3InternalError,
  s3ServiceUnavailable,
  slowDown,
} from './s3-errors';
import { decodePath } from './sigv4-verify';
import type { EmulatorState, Incoming, Outcome } from './state';

const CONTENT_TYPE: Record<ObjectKind, string> = {
  manifest: 'application/octet-stream',
  label: 'application/pdf',
  update: 'application/x-tar',
};

function header(incoming: Incoming, name: string): string | undefined {
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function s3Headers(state: EmulatorState): Record<string, string> {
  return {
    'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-amz-id-2': randomBytes(48).toString('base64'),
    Date: new Date(state.clock.now()).toUTCString(),
    Server: 'AmazonS3',
  };
}

function s3ErrorReply(err: S3Error, headers: Record<string, string>, method: string): Reply {
  const xml = Buffer.from(s3ErrorXml(err, headers['x-amz-request-id'] ?? '', headers['x-amz-id-2'] ?? ''));
  // HEAD answers carry no body, only the status.
  const body = method === 'HEAD' ? Buffer.alloc(0) : xml;
  const reply = bufferReply(err.status, { ...headers, 'Content-Type': 'application/xml' }, body, err.code);
  if (method === 'HEAD') reply.length = 0;
  return reply;
}

function faultError(fault: ActiveFault): S3Error | undefined {
  if (fault.kind === 'throttle') return slowDown();
  if (fault.kind === '500') return s3InternalError();
  if (fault.kind === '503') return s3ServiceUnavailable();
  return undefined;
}

/** GET/HEAD of a presigned object URL: path-style `/<bucket>/<key>`, S3's checks and S3's errors. */
export async function objectRoute(state: EmulatorState, incoming: Incoming): Promise<Outcome> {
  const headers = s3Headers(state);
  const path = decodePath(incoming.rawPath);
  const slash = path.indexOf('/', 1);
  const bucket = slash < 0 ? path.slice(1) : path.slice(1, slash);
  const key = slash < 0 ? '' : path.slice(slash + 1);
  const where = resolveBucket(bucket);
  const operation = where ? DOWNLOAD_OPERATION[where.kind] : 'ObjectRequest';
  const outcome = (reply: Reply, extra: Partial<Outcome> = {}): Outcome => ({
    reply,
    operation,
    protocol: 's3',
    ...(where ? { region: where.region } : {}),
    ...extra,
  });

  try {
    if (incoming.method !== 'GET' && incoming.method !== 'HEAD') throw methodNotAllowed(incoming.method);
    // `GET /` is ListBuckets, which an anonymous caller may not do.
    if (!bucket) throw accessDenied();
    if (!where) throw noSuchBucket(bucket);
    await state.urls.verify(
      {
        method: incoming.method,
        rawPath: incoming.rawPath,
        query: incoming.query,
        headers: incoming.headers,
      },
      { clock: state.clock, bucketRegion: where.region, bucket, key },
    );
    const jobId = resolveKey(where.kind, key);
    const job = jobId ? state.store.jobs.get(jobId) : undefined;
    if (!job || job.region !== where.region) throw noSuchKey(key);

    const fault = state.faults.take(operation, where.region, DOWNLOAD_FAULT_KINDS);
    if (fault?.kind === 'reset')
      return { operation, protocol: 's3', region: where.region, reset: true, firedFault: 'reset' };
    const injected = fault ? faultError(fault) : undefined;
    if (injected && fault)
      return outcome(s3ErrorReply(injected, headers, incoming.method), { firedFault: fault.kind });

    const objectHeaders = {
      ...headers,
      'Content-Type': CONTENT_TYPE[where.kind],
      'Last-Modified': new Date(job.createdAt).toUTCString(),
      'Accept-Ranges': 'bytes',
    };
    let size: number;
    let stream: () => Readable;
    if (where.kind === 'manifest') {
      const preamble = state.secrets.preamble(job);
      const payloadKey = state.secrets.payloadKey(job.jobId);
      size = manifestLength(preamble);
      stream = () => manifestStream(preamble, payloadKey);
    } else {
      const site = state.store.addresses.get(job.addressId);
      const blob =
        where.kind === 'label'
          ? returnLabelPdf(
              job.jobId,
              job.inboundTracking ?? '',
              site ? [site.Company, site.City].filter(Boolean).join(', ') : '',
            )
          : softwareUpdateBlob(job.jobId);
      size = blob.length;
      stream = () => Readable.from([blob]);
    }
    const rangeHeader = header(incoming, 'range');
    const range = parseRange(rangeHeader, size);
    if (range.kind === 'unsatisfiable') {
      const err = invalidRange(rangeHeader ?? '', size);
      return outcome(s3ErrorReply(err, { ...headers, 'Content-Range': `bytes */${size}` }, incoming.method));
    }
    const reply: Reply =
      range.kind === 'whole'
        ? { status: 200, headers: objectHeaders, body: stream, length: size }
        : {
            status: 206,
            headers: { ...objectHeaders, 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
            body: () => sliceStream(stream(), range.start, range.end),
            length: range.end - range.start + 1,
          };
    return outcome(reply, fault ? { fault, firedFault: fault.kind } : {});
  } catch (err) {
    if (err instanceof S3Error) return outcome(s3ErrorReply(err, headers, incoming.method));
    throw err;
  }
}
