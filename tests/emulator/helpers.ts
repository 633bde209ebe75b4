import { Sha256 } from '@aws-crypto/sha256-js';
import { SnowballClient } from '@aws-sdk/client-snowball';
import type { SnowballClientConfig } from '@aws-sdk/client-snowball';
import { STSClient } from '@aws-sdk/client-sts';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Encoder } from 'cbor-x';
import { ADMIN_SECRET_HEADER, DEMO_CREDENTIALS } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export function snowball(
  emu: Emulator,
  region: string,
  extra: Partial<SnowballClientConfig> & { credentials?: Credentials } = {},
): SnowballClient {
  return new SnowballClient({ endpoint: emu.url, region, credentials: DEMO_CREDENTIALS, ...extra });
}

export function sts(
  emu: Emulator,
  region = 'us-east-1',
  credentials: Credentials = DEMO_CREDENTIALS,
  maxAttempts?: number,
): STSClient {
  return new STSClient({ endpoint: emu.url, region, credentials, ...(maxAttempts ? { maxAttempts } : {}) });
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const cborCodec = new Encoder({ useRecords: false, mapsAsObjects: true });

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Signs a request with the library (as any AWS client would) and sends it with fetch. */
export async function signedFetch(
  emu: Emulator,
  args: {
    path: string;
    headers: Record<string, string>;
    body: Uint8Array;
    region: string;
    service?: string;
    credentials?: Credentials;
    signingDate?: Date;
  },
): Promise<RawResponse> {
  const url = new URL(emu.url);
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: args.path,
    headers: { host: url.host, 'content-length': String(args.body.length), ...args.headers },
    body: args.body,
  });
  const signer = new SignatureV4({
    service: args.service ?? 'snowball',
    region: args.region,
    credentials: args.credentials ?? DEMO_CREDENTIALS,
    sha256: Sha256,
  });
  const signed = await signer.sign(request, args.signingDate ? { signingDate: args.signingDate } : {});
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  delete headers['content-length'];
  const res = await fetch(`${emu.url}${signed.path}`, { method: 'POST', headers, body: args.body });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** An RPC v2 CBOR call, encoded as the protocol says. */
export async function cborCall(
  emu: Emulator,
  operation: string,
  input: Record<string, unknown>,
  region = 'us-west-2',
  extraHeaders: Record<string, string> = {},
): Promise<RawResponse & { decoded: Record<string, unknown> }> {
  const body = cborCodec.encode(input);
  const res = await signedFetch(emu, {
    path: `/service/AWSIESnowballJobManagementService/operation/${operation}`,
    headers: {
      'smithy-protocol': 'rpc-v2-cbor',
      'content-type': 'application/cbor',
      accept: 'application/cbor',
      ...extraHeaders,
    },
    body,
    region,
  });
  const decoded = res.body.length ? (cborCodec.decode(res.body) as Record<string, unknown>) : {};
  return { ...res, decoded };
}

/** An AWS JSON 1.1 call without the SDK, for cases the SDK will not send. */
export async function jsonCall(
  emu: Emulator,
  target: string,
  input: Record<string, unknown> | string,
  region = 'us-west-2',
): Promise<RawResponse & { json: Record<string, unknown> }> {
  const body = Buffer.from(typeof input === 'string' ? input : JSON.stringify(input));
  const res = await signedFetch(emu, {
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
    region,
  });
  return { ...res, json: JSON.parse(res.body.toString('utf8') || '{}') as Record<string, unknown> };
}

export async function admin(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { [ADMIN_SECRET_HEADER]: emu.adminSecret };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}/__admin${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export function must<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`${what} is missing`);
  return value;
}
