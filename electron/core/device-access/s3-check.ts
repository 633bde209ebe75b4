/**
 * The check that the device is ready for data: ListBuckets with the real AWS SDK for S3 against the
 * device's S3 adapter (path-style, region `snow`, the device's keys, an agent that trusts only its
 * certificate), and every way that fails in words that say what to do.
 */
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { deviceAgent, type ConnectVia } from './device-tls';

/** The region the developer guide names for the S3 adapter (and IAM, EC2) on a Snowball Edge. */
export const DEVICE_REGION = 'snow';

export interface S3Target {
  endpoint: string;
  /** The device's address, for messages. */
  host: string;
  ca: string | string[];
  via: ConnectVia;
  accessKeyId: string;
  secretAccessKey: string;
  /** The S3 adapter's state as describe-service reported it, for the advice when it does not answer. */
  serviceState: string | null;
}

export interface BucketList {
  buckets: { name: string; createdAt: number | null }[];
  latencyMs: number;
}

const TLS_MISMATCH = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);
const NOT_LISTENING = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

export async function listDeviceBuckets(
  target: S3Target,
  clock: Clock,
  timeoutMs = 15_000,
): Promise<BucketList> {
  const agent = deviceAgent(target.ca, target.via);
  const client = new S3Client({
    region: DEVICE_REGION,
    endpoint: target.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    requestHandler: new NodeHttpHandler({
      httpsAgent: agent,
      connectionTimeout: Math.min(timeoutMs, 5_000),
      requestTimeout: timeoutMs,
    }),
    // One answer, as the device gave it: a retry would only hide which failure it was.
    maxAttempts: 1,
  });
  const started = clock.now();
  try {
    const out = await client.send(new ListBucketsCommand({}));
    return {
      buckets: (out.Buckets ?? []).map((b) => ({
        name: b.Name ?? '',
        createdAt: b.CreationDate ? b.CreationDate.getTime() : null,
      })),
      latencyMs: clock.now() - started,
    };
  } catch (error) {
    throw explain(error, target);
  } finally {
    client.destroy();
    agent.destroy();
  }
}

/** What went wrong, for people; never the keys (the SDK's own message is not passed on). */
export function explain(error: unknown, target: S3Target): AppError {
  const e = error as {
    name?: string;
    code?: string;
    cause?: { code?: string };
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.code ?? e.cause?.code ?? '';
  const at = `${target.endpoint} (${target.host})`;
  if (TLS_MISMATCH.has(code)) {
    return new AppError(
      'CERTIFICATE_MISMATCH',
      `The device at ${at} presented a certificate that is not the one saved for it (${code}). A Snowball Edge makes a new certificate when it gets a new IP address: read the device again to get its current certificate, then save it and write the profile again.`,
    );
  }
  if (NOT_LISTENING.has(code) || e.name === 'TimeoutError') {
    const starting =
      target.serviceState && target.serviceState !== 'ACTIVE'
        ? ` The device reports its S3 adapter as ${target.serviceState}: the device starts it after the unlock.`
        : '';
    return new AppError(
      'S3_NOT_READY',
      `The S3 adapter at ${at} does not answer (${code || e.name}).${starting} The developer guide gives no figure for how long that takes: select Refresh in a minute to read its state again, then check again. If it stays so, AWS's troubleshooting says to power the device off, unplug its cables, wait 10 minutes and start again.`,
      { retryable: true },
    );
  }
  switch (e.name) {
    case 'InvalidAccessKeyId':
      return new AppError(
        'DEVICE_KEYS_REFUSED',
        `The S3 adapter at ${at} does not know this access key: it belongs to another device or job. Read this device again to get its own keys.`,
      );
    case 'SignatureDoesNotMatch':
      return new AppError(
        'DEVICE_KEYS_REFUSED',
        `The S3 adapter at ${at} refused the secret key (the signature does not match). Read the device again to get its keys; if you typed them into a profile, copy them again.`,
      );
    case 'RequestTimeTooSkewed':
      return new AppError(
        'DEVICE_KEYS_REFUSED',
        `The S3 adapter at ${at} refused the request because this computer's clock and the device's differ by more than 15 minutes. Set this computer's clock right, then check again.`,
      );
    case 'AuthorizationHeaderMalformed':
      return new AppError(
        'DEVICE_KEYS_REFUSED',
        `The S3 adapter at ${at} expects requests signed for the region ${DEVICE_REGION}, as the developer guide says. Check the profile's region.`,
      );
    case 'AccessDenied':
      return new AppError(
        'DEVICE_KEYS_REFUSED',
        `The S3 adapter at ${at} denied access with these keys. Read the device again to get its keys.`,
      );
    default:
      return new AppError(
        'S3_NOT_READY',
        `The S3 adapter at ${at} answered with an error (${e.name ?? code ?? 'unknown'}${e.$metadata?.httpStatusCode ? `, HTTP ${e.$metadata.httpStatusCode}` : ''}). Check again in a minute.`,
        { retryable: true },
      );
  }
}
