import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { ALGORITHM_IDENTIFIER, SignatureV4, getCanonicalQuery } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HeaderBag, QueryParameterBag } from '@smithy/types';
import type { Clock } from './clock';
import { parseAmzDate, toIsoSeconds } from './clock';
import { PRESIGN_ACCESS_KEY_ID, findPrincipal } from './credentials';
import { deriveBytes } from './rng';
import { S3Error, accessDenied, authQueryError, hexBytes } from './s3-errors';
import { MAX_CLOCK_SKEW_MS, checkSignature, parseCredential } from './sigv4-verify';

/** GetJobManifest URLs live 60 minutes, as the API reference says. */
export const MANIFEST_URL_TTL_SECONDS = 3600;
/** GetSoftwareUpdates URLs live two days. */
export const UPDATES_URL_TTL_SECONDS = 2 * 24 * 3600;
/** S3's ceiling for SigV4 query auth. */
export const MAX_PRESIGN_TTL_SECONDS = 7 * 24 * 3600;

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const REQUIRED = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
] as const;

export interface PresignArgs {
  /** Host header value the URL is for (e.g. `127.0.0.1:4566`): it is a signed header. */
  host: string;
  bucket: string;
  key: string;
  region: string;
  signingTime: number;
  expiresIn: number;
}

export interface VerifiedObjectRequest {
  bucket: string;
  key: string;
  region: string;
}

function single(query: QueryParameterBag, name: string): string | undefined {
  const v = query[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Presigns and verifies S3-style object URLs with the emulator's own "service-owned bucket" key, the way the
 * Snowball service hands out manifest URLs: path-style, SigV4 query auth, only the host header signed.
 */
export class ObjectUrlSigner {
  private readonly credentials: AwsCredentialIdentity;

  constructor(seed: string) {
    this.credentials = {
      accessKeyId: PRESIGN_ACCESS_KEY_ID,
      secretAccessKey: deriveBytes(seed, 'presign-secret').toString('base64').slice(0, 40),
    };
  }

  async presign(args: PresignArgs): Promise<string> {
    const signer = new SignatureV4({
      service: 's3',
      region: args.region,
      credentials: this.credentials,
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    const path = `/${args.bucket}/${args.key.split('/').map(encodeURIComponent).join('/')}`;
    const request = new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: args.host,
      path,
      // The header feeds the payload hash; the query parameter advertises it, as AWS SDK presigned URLs do.
      headers: { host: args.host, 'x-amz-content-sha256': UNSIGNED_PAYLOAD },
      query: { 'X-Amz-Content-Sha256': UNSIGNED_PAYLOAD },
    });
    const signed = await signer.presign(request, {
      signingDate: new Date(args.signingTime),
      expiresIn: args.expiresIn,
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
    });
    const signature = single(signed.query ?? {}, 'X-Amz-Signature') ?? '';
    return `http://${args.host}${path}?${getCanonicalQuery(signed)}&X-Amz-Signature=${signature}`;
  }

  /**
   * Checks a presigned GET in S3's order: parameters present and well-formed, not expired, known key,
   * then the signature. Throws S3Error shaped as S3 shapes it.
   */
  async verify(
    req: { method: string; rawPath: string; query: QueryParameterBag; headers: IncomingHttpHeaders },
    opts: { clock: Clock; bucketRegion: string; bucket: string; key: string },
  ): Promise<VerifiedObjectRequest> {
    const q = req.query;
    const present = REQUIRED.filter((name) => q[name] !== undefined);
    if (present.length === 0) throw accessDenied();
    if (present.length !== REQUIRED.length || REQUIRED.some((name) => single(q, name) === undefined)) {
      throw authQueryError(
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    const algorithm = single(q, 'X-Amz-Algorithm') ?? '';
    const credential = single(q, 'X-Amz-Credential') ?? '';
    const signature = single(q, 'X-Amz-Signature') ?? '';
    const longDate = single(q, 'X-Amz-Date') ?? '';
    const signedHeaders = (single(q, 'X-Amz-SignedHeaders') ?? '').split(';');
    const expiresText = single(q, 'X-Amz-Expires') ?? '';

    if (algorithm !== ALGORITHM_IDENTIFIER) {
      throw authQueryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    }
    const signedAt = parseAmzDate(longDate);
    if (signedAt === undefined) {
      throw authQueryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    }
    if (!/^\d+$/.test(expiresText)) throw authQueryError('X-Amz-Expires should be a number');
    const expires = Number(expiresText);
    if (expires > MAX_PRESIGN_TTL_SECONDS) {
      throw authQueryError('X-Amz-Expires must be less than a week (in seconds) that is 604800');
    }
    const scope = parseCredential(credential);
    if (!scope) {
      throw authQueryError(
        'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      );
    }
    if (!/^\d{8}$/.test(scope.date)) {
      throw authQueryError(
        'Error parsing the X-Amz-Credential parameter; incorrect date format. This date in the credential must be in the format "yyyyMMdd".',
      );
    }
    if (scope.service !== 's3') {
      throw authQueryError(
        `Error parsing the X-Amz-Credential parameter; incorrect service "${scope.service}". This endpoint belongs to "s3".`,
      );
    }
    if (scope.terminator !== 'aws4_request') {
      throw authQueryError(
        `Error parsing the X-Amz-Credential parameter; incorrect terminal "${scope.terminator}". This endpoint uses "aws4_request".`,
      );
    }
    if (scope.region !== opts.bucketRegion) {
      throw authQueryError(
        `Error parsing the X-Amz-Credential parameter; the region '${scope.region}' is wrong; expecting '${opts.bucketRegion}'`,
        [['Region', opts.bucketRegion]],
      );
    }

    const now = opts.clock.now();
    const expiresAt = signedAt + expires * 1000;
    if (now > expiresAt) {
      throw new S3Error(403, 'AccessDenied', 'Request has expired', [
        ['X-Amz-Expires', expiresText],
        ['Expires', toIsoSeconds(expiresAt)],
        ['ServerTime', toIsoSeconds(now)],
      ]);
    }
    if (signedAt > now + MAX_CLOCK_SKEW_MS) {
      throw new S3Error(403, 'AccessDenied', 'Request is not yet valid', [
        ['X-Amz-Date', String(signedAt)],
        ['Expires', toIsoSeconds(expiresAt)],
        ['ServerTime', toIsoSeconds(now)],
      ]);
    }

    const ownKey = scope.accessKeyId === this.credentials.accessKeyId;
    const principal = ownKey ? undefined : findPrincipal(scope.accessKeyId);
    const credentials = ownKey
      ? this.credentials
      : principal
        ? { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey }
        : undefined;
    if (!credentials) {
      throw new S3Error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        [['AWSAccessKeyId', scope.accessKeyId]],
      );
    }

    const headers: HeaderBag = {};
    for (const name of signedHeaders) {
      const v = req.headers[name];
      if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(',') : v;
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(q)) if (k !== 'X-Amz-Signature' && v !== null) query[k] = v;
    const check = await checkSignature({
      credentials,
      request: new HttpRequest({ method: req.method, path: req.rawPath, headers, query }),
      signedHeaders,
      // Query-signed requests always sign the payload as unsigned.
      payloadHash: UNSIGNED_PAYLOAD,
      longDate,
      scope,
      providedSignature: signature,
      uriEscapePath: false,
    });
    if (!check.matches) {
      throw new S3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        [
          ['AWSAccessKeyId', scope.accessKeyId],
          ['StringToSign', check.stringToSign],
          ['SignatureProvided', signature],
          ['StringToSignBytes', hexBytes(check.stringToSign)],
          ['CanonicalRequest', check.canonicalRequest],
          ['CanonicalRequestBytes', hexBytes(check.canonicalRequest)],
        ],
      );
    }
    // A correctly signed request from a demo user still cannot read the service's own bucket.
    if (!ownKey) throw accessDenied();
    return { bucket: opts.bucket, key: opts.key, region: scope.region };
  }
}
