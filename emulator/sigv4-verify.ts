import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { ALGORITHM_IDENTIFIER, SignatureV4, getCanonicalHeaders, getPayloadHash } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HeaderBag, QueryParameterBag } from '@smithy/types';
import type { Clock } from './clock';
import { parseAmzDate, toAmzDate } from './clock';
import type { Principal } from './credentials';
import { findPrincipal } from './credentials';
import { isKnownRegion } from './regions';

/** How far the request date may be from the emulator clock, as AWS allows. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Why a request was refused. Protocols map kinds to their own codes: JSON/CBOR Snowball uses
 * `MissingAuthenticationTokenException` etc., STS's query protocol `MissingAuthenticationToken` etc.
 */
export type AuthFailureKind = 'missing' | 'incomplete' | 'signature' | 'unknownKey' | 'expiredToken';

export class AuthFailure extends Error {
  constructor(
    readonly kind: AuthFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
}

export interface VerifiedCaller {
  principal: Principal;
  region: string;
  service: string;
}

/** The parts of a received request that SigV4 covers. */
export interface ReceivedRequest {
  method: string;
  /** Path as received on the wire (percent-encoded). */
  rawPath: string;
  query: QueryParameterBag;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

/** Exposes the library's own canonical request and string-to-sign so refusals can quote them as AWS does. */
class InspectableSigner extends SignatureV4 {
  canonicalRequest(request: HttpRequest, canonicalHeaders: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }

  stringToSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
  }
}

export interface SignatureCheck {
  matches: boolean;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * Re-signs a request with the library and compares signatures. Shared by header auth (API calls) and
 * query auth (presigned S3 URLs); `uriEscapePath` is false only for S3.
 */
export async function checkSignature(args: {
  credentials: AwsCredentialIdentity;
  request: HttpRequest;
  signedHeaders: readonly string[];
  payloadHash: string;
  longDate: string;
  scope: CredentialScope;
  providedSignature: string;
  uriEscapePath: boolean;
}): Promise<SignatureCheck> {
  const { scope } = args;
  const signer = new InspectableSigner({
    credentials: args.credentials,
    region: scope.region,
    service: scope.service,
    sha256: Sha256,
    uriEscapePath: args.uriEscapePath,
    applyChecksum: false,
  });
  const canonicalHeaders = getCanonicalHeaders(args.request, undefined, new Set(args.signedHeaders));
  const canonicalRequest = signer.canonicalRequest(args.request, canonicalHeaders, args.payloadHash);
  const scopeString = `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`;
  const stringToSign = await signer.stringToSign(args.longDate, scopeString, canonicalRequest);
  const signingDate = new Date(parseAmzDate(args.longDate) ?? 0);
  const expected = await signer.sign(stringToSign, {
    signingDate,
    signingRegion: scope.region,
    signingService: scope.service,
  });
  return { matches: sameText(expected, args.providedSignature), canonicalRequest, stringToSign };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseCredential(value: string): CredentialScope | undefined {
  const parts = value.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator };
}

interface ParsedAuthorization {
  credential?: string;
  signedHeaders?: string;
  signature?: string;
}

function parseAuthorizationHeader(value: string): ParsedAuthorization | undefined {
  if (!value.startsWith(`${ALGORITHM_IDENTIFIER} `)) return undefined;
  const out: ParsedAuthorization = {};
  for (const part of value.slice(ALGORITHM_IDENTIFIER.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 'Credential') out.credential = val;
    else if (key === 'SignedHeaders') out.signedHeaders = val;
    else if (key === 'Signature') out.signature = val;
  }
  return out;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The credential scope of a request, unverified: used to route (STS vs Snowball) and to log the region. */
export function peekCredentialScope(headers: IncomingHttpHeaders): CredentialScope | undefined {
  const auth = headerValue(headers, 'authorization');
  if (!auth) return undefined;
  const parsed = parseAuthorizationHeader(auth);
  return parsed?.credential ? parseCredential(parsed.credential) : undefined;
}

/** Parses a query string without turning `+` into a space: SigV4 canonicalisation must see what was sent. */
export function parseQuery(search: string): QueryParameterBag {
  const out: Record<string, string | string[]> = {};
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (!text) return out;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function decodePath(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => safeDecode(segment))
    .join('/');
}

/**
 * Verifies a header-signed (Authorization: AWS4-HMAC-SHA256 …) request against the demo principals.
 * Checks run in the order AWS's front end reports them; each failure carries AWS's wording.
 */
export async function verifyHeaderSignature(
  req: ReceivedRequest,
  opts: {
    clock: Clock;
    expectedService: string;
    /** Regions where the service has an endpoint; a real region outside it is refused (see regions.ts). */
    servedRegions?: ReadonlySet<string>;
    /** Principals besides the demo ones: role credentials the emulator's Identity Center issued. */
    principals?: (accessKeyId: string) => Principal | undefined;
    /** The one region accepted (a simulated device's `snow`), instead of AWS's regions. */
    region?: string;
    /** Only `principals`, not the demo account (a device knows its own keys only). */
    ownPrincipalsOnly?: boolean;
  },
): Promise<VerifiedCaller> {
  const auth = headerValue(req.headers, 'authorization');
  if (!auth) throw new AuthFailure('missing', 'Missing Authentication Token');

  const parsed = parseAuthorizationHeader(auth);
  const amzDateHeader = headerValue(req.headers, 'x-amz-date');
  const dateHeader = headerValue(req.headers, 'date');
  const missing: string[] = [];
  if (!parsed?.credential) missing.push("Authorization header requires 'Credential' parameter.");
  if (!parsed?.signature) missing.push("Authorization header requires 'Signature' parameter.");
  if (!parsed?.signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (!amzDateHeader && !dateHeader) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (!parsed || !parsed.credential || !parsed.signature || !parsed.signedHeaders || missing.length > 0) {
    throw new AuthFailure('incomplete', `${missing.join(' ')} Authorization=${auth}`);
  }

  const scope = parseCredential(parsed.credential);
  if (!scope) {
    throw new AuthFailure(
      'incomplete',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parsed.credential}'`,
    );
  }
  if (scope.terminator !== 'aws4_request') {
    throw new AuthFailure(
      'signature',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'. `,
    );
  }
  if (scope.service !== opts.expectedService) {
    throw new AuthFailure(
      'signature',
      `Credential should be scoped to correct service: '${opts.expectedService}'. `,
    );
  }
  if (opts.region !== undefined ? scope.region !== opts.region : !isKnownRegion(scope.region)) {
    throw new AuthFailure('signature', 'Credential should be scoped to a valid region. ');
  }
  if (opts.servedRegions && !opts.servedRegions.has(scope.region)) {
    throw new AuthFailure(
      'signature',
      `Credential should be scoped to a valid region, not '${scope.region}'. `,
    );
  }
  const signedHeaders = parsed.signedHeaders.split(';');
  if (!signedHeaders.includes('host')) {
    throw new AuthFailure(
      'signature',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }

  const longDate = amzDateHeader ?? (dateHeader ? toAmzDate(Date.parse(dateHeader)) : '');
  const requestTime = parseAmzDate(longDate);
  if (requestTime === undefined) {
    throw new AuthFailure(
      'incomplete',
      `Date must be in ISO-8601 'basic format'. Got '${amzDateHeader ?? dateHeader ?? ''}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  if (scope.date !== longDate.slice(0, 8)) {
    throw new AuthFailure(
      'signature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${longDate.slice(0, 8)}', from '${longDate}'.`,
    );
  }

  const principal =
    (opts.ownPrincipalsOnly ? undefined : findPrincipal(scope.accessKeyId)) ??
    opts.principals?.(scope.accessKeyId);
  const token = headerValue(req.headers, 'x-amz-security-token');
  if (!principal || (principal.sessionToken ?? undefined) !== (token ?? undefined)) {
    throw new AuthFailure('unknownKey', 'The security token included in the request is invalid.');
  }

  const now = opts.clock.now();
  // Temporary credentials are refused once past their expiry, however well the request is signed.
  if (principal.expiresAt !== undefined && now >= principal.expiresAt) {
    throw new AuthFailure('expiredToken', 'The security token included in the request is expired');
  }
  if (requestTime < now - MAX_CLOCK_SKEW_MS) {
    throw new AuthFailure(
      'signature',
      `Signature expired: ${longDate} is now earlier than ${toAmzDate(now - MAX_CLOCK_SKEW_MS)} (${toAmzDate(now)} - 15 min.)`,
    );
  }
  if (requestTime > now + MAX_CLOCK_SKEW_MS) {
    throw new AuthFailure(
      'signature',
      `Signature not yet current: ${longDate} is still later than ${toAmzDate(now + MAX_CLOCK_SKEW_MS)} (${toAmzDate(now)} + 15 min.)`,
    );
  }

  // Only the headers the client signed take part, exactly as received.
  const headers: HeaderBag = {};
  for (const name of signedHeaders) {
    const v = headerValue(req.headers, name);
    if (v !== undefined) headers[name] = v;
  }
  const request = new HttpRequest({
    method: req.method,
    path: decodePath(req.rawPath),
    query: req.query,
    headers,
    body: req.body,
  });
  const payloadHash = await getPayloadHash(request, Sha256);
  const bodyHash = await getPayloadHash({ ...request, headers: {} }, Sha256);
  const check = await checkSignature({
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    request,
    signedHeaders,
    payloadHash,
    longDate,
    scope,
    providedSignature: parsed.signature,
    uriEscapePath: true,
  });
  // A signed x-amz-content-sha256 that does not describe the body would let the body be swapped.
  const hashLies = payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== bodyHash;
  if (!check.matches || hashLies) {
    throw new AuthFailure(
      'signature',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
        `The Canonical String for this request should have been\n'${check.canonicalRequest}'\n\n` +
        `The String-to-Sign should have been\n'${check.stringToSign}'\n`,
    );
  }
  return { principal, region: scope.region, service: scope.service };
}
