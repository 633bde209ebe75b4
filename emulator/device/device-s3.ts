/**
 * A simulated device's S3 adapter: a real HTTPS endpoint on 127.0.0.1 (port 0) with the device's own
 * certificate, every request SigV4-verified (service s3, region `snow`, the device's own keys only), path
 * style, and the subset the developer guide lists ("Supported REST API actions"): GET Service
 * (ListBuckets), HEAD Bucket, GET Bucket version 1 (ListObjects; version 2 is not supported), PUT, GET,
 * HEAD and DELETE Object. Everything else answers S3's NotImplemented, as the guide says an unsupported
 * action does. Errors are S3's XML; every answer says `Server: AWSSnowball`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { S3Error, accessDenied, escapeXml, noSuchBucket, noSuchKey, s3ErrorXml } from '../s3-errors';
import {
  AuthFailure,
  decodePath,
  parseQuery,
  peekCredentialScope,
  verifyHeaderSignature,
} from '../sigv4-verify';

export const DEVICE_S3_REGION = 'snow';
/** The most a simulated device takes in one PUT (a small file is what the check needs). */
const MAX_BODY = 64 * 1024 * 1024;

export interface DeviceKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface DeviceS3Options {
  cert: string;
  key: string;
  keys: DeviceKeys;
  buckets: readonly string[];
  clock?: Clock;
  /** false while the adapter is not started: connections are dropped at once (the port does not serve). */
  accepting?: () => boolean;
}

interface StoredObject {
  body: Buffer;
  contentType: string;
  lastModified: number;
}

export interface DeviceS3 {
  port: number;
  stop(): Promise<void>;
}

export async function startDeviceS3(options: DeviceS3Options): Promise<DeviceS3> {
  const clock = options.clock ?? systemClock;
  const buckets = new Map<string, { createdAt: number; objects: Map<string, StoredObject> }>(
    options.buckets.map((name) => [name, { createdAt: clock.now(), objects: new Map() }]),
  );
  const server: Server = createServer({ cert: options.cert, key: options.key }, (request, response) => {
    void answer(request, response).catch(() => {
      if (!response.headersSent)
        send(
          response,
          request.method ?? 'GET',
          new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'),
        );
      else response.destroy();
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'https://device');
    const body = await readBody(request);
    try {
      await authenticate(request, url, body);
      const path = decodePath(url.pathname);
      const slash = path.indexOf('/', 1);
      const bucketName = slash < 0 ? path.slice(1) : path.slice(1, slash);
      const key = slash < 0 ? '' : path.slice(slash + 1);
      if (!bucketName) {
        if (method !== 'GET') throw notImplemented();
        return xml(response, listBuckets());
      }
      const bucket = buckets.get(bucketName);
      if (!bucket) throw noSuchBucket(bucketName);
      if (!key) {
        if (method === 'HEAD') return void (response.writeHead(200, headers()), response.end());
        if (method !== 'GET' || url.searchParams.get('list-type') === '2') throw notImplemented();
        return xml(response, listObjects(bucketName, bucket.objects, url.searchParams));
      }
      const object = bucket.objects.get(key);
      switch (method) {
        case 'PUT':
          bucket.objects.set(key, {
            body,
            contentType: headerOf(request, 'content-type') ?? 'binary/octet-stream',
            lastModified: clock.now(),
          });
          response.writeHead(200, headers());
          return void response.end();
        case 'GET':
        case 'HEAD':
          if (!object) throw noSuchKey(key);
          response.writeHead(200, {
            ...headers(),
            'Content-Type': object.contentType,
            'Content-Length': String(object.body.length),
            'Last-Modified': new Date(object.lastModified).toUTCString(),
          });
          return void response.end(method === 'GET' ? object.body : undefined);
        case 'DELETE':
          bucket.objects.delete(key);
          response.writeHead(204, headers());
          return void response.end();
        default:
          throw notImplemented();
      }
    } catch (error) {
      if (error instanceof S3Error) return send(response, method, error);
      throw error;
    }
  }

  async function authenticate(request: IncomingMessage, url: URL, body: Buffer): Promise<void> {
    const scope = peekCredentialScope(request.headers);
    if (scope && scope.region !== DEVICE_S3_REGION) {
      throw new S3Error(
        400,
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the region '${scope.region}' is wrong; expecting '${DEVICE_S3_REGION}'`,
        [['Region', DEVICE_S3_REGION]],
      );
    }
    if (/^STREAMING-/.test(headerOf(request, 'x-amz-content-sha256') ?? '')) {
      // The guide: chunked encoding is not supported by the adapter.
      throw notImplemented([['Header', 'x-amz-content-sha256']]);
    }
    const { keys } = options;
    try {
      await verifyHeaderSignature(
        {
          method: request.method ?? 'GET',
          rawPath: url.pathname,
          query: parseQuery(url.search),
          headers: request.headers,
          body,
        },
        {
          clock,
          expectedService: 's3',
          region: DEVICE_S3_REGION,
          ownPrincipalsOnly: true,
          principals: (id) =>
            id === keys.accessKeyId
              ? {
                  ...keys,
                  accountId: '000000000000',
                  userId: keys.accessKeyId,
                  arnFor: () => 'arn:aws:iam::000000000000:root',
                }
              : undefined,
        },
      );
    } catch (error) {
      if (!(error instanceof AuthFailure)) throw error;
      throw s3AuthError(error, scope?.accessKeyId ?? '');
    }
  }

  function listBuckets(): string {
    const items = [...buckets.entries()]
      .map(
        ([name, b]) =>
          `<Bucket><Name>${escapeXml(name)}</Name><CreationDate>${new Date(b.createdAt).toISOString()}</CreationDate></Bucket>`,
      )
      .join('');
    return `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>${options.keys.accessKeyId}</ID><DisplayName>snowball</DisplayName></Owner><Buckets>${items}</Buckets></ListAllMyBucketsResult>`;
  }

  server.on('connection', (socket) => {
    if (options.accepting && !options.accepting()) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GET Bucket version 1: prefix, and `/` as the only delimiter (as the guide says); no paging. */
function listObjects(name: string, objects: Map<string, StoredObject>, params: URLSearchParams): string {
  const prefix = params.get('prefix') ?? '';
  const delimiter = params.get('delimiter');
  if (delimiter !== null && delimiter !== '/') throw notImplemented([['Delimiter', delimiter]]);
  const contents: string[] = [];
  const prefixes = new Set<string>();
  for (const [key, object] of objects) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    if (cut >= 0) {
      prefixes.add(prefix + rest.slice(0, cut + 1));
      continue;
    }
    contents.push(
      `<Contents><Key>${escapeXml(key)}</Key><LastModified>${new Date(object.lastModified).toISOString()}</LastModified><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }
  const common = [...prefixes].map(
    (p) => `<CommonPrefixes><Prefix>${escapeXml(p)}</Prefix></CommonPrefixes>`,
  );
  return `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(name)}</Name><Prefix>${escapeXml(prefix)}</Prefix><Marker></Marker><MaxKeys>1000</MaxKeys>${delimiter ? `<Delimiter>${delimiter}</Delimiter>` : ''}<IsTruncated>false</IsTruncated>${contents.join('')}${common.join('')}</ListBucketResult>`;
}

function s3AuthError(error: AuthFailure, accessKeyId: string): S3Error {
  switch (error.kind) {
    case 'missing':
      return accessDenied();
    case 'unknownKey':
      return new S3Error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        [['AWSAccessKeyId', accessKeyId]],
      );
    case 'incomplete':
      return new S3Error(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
    case 'expiredToken':
      return new S3Error(400, 'ExpiredToken', 'The provided token has expired.');
    case 'signature':
      return /^Signature (expired|not yet current)/.test(error.message)
        ? new S3Error(
            403,
            'RequestTimeTooSkewed',
            'The difference between the request time and the current time is too large.',
          )
        : new S3Error(
            403,
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
          );
  }
}

function notImplemented(fields: ReadonlyArray<readonly [string, string]> = []): S3Error {
  return new S3Error(
    501,
    'NotImplemented',
    'A header you provided implies functionality that is not implemented',
    fields,
  );
}

function headers(): Record<string, string> {
  return {
    'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-amz-id-2': randomBytes(24).toString('base64'),
    Date: new Date().toUTCString(),
    Server: 'AWSSnowball',
  };
}

function xml(response: ServerResponse, body: string): void {
  const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
  response.writeHead(200, {
    ...headers(),
    'Content-Type': 'application/xml',
    'Content-Length': String(bytes.length),
  });
  response.end(bytes);
}

function send(response: ServerResponse, method: string, error: S3Error): void {
  const h = headers();
  const bytes = Buffer.from(s3ErrorXml(error, h['x-amz-request-id'] ?? '', h['x-amz-id-2'] ?? ''));
  response.writeHead(error.status, {
    ...h,
    'Content-Type': 'application/xml',
    'Content-Length': String(method === 'HEAD' ? 0 : bytes.length),
  });
  response.end(method === 'HEAD' ? undefined : bytes);
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
