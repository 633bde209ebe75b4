/**
 * Reading what the Snowball Edge client prints after the unlock (developer guide, "Commands for the
 * Snowball Edge Client"): `list-access-keys` ({"AccessKeyIds": […]}), `get-secret-access-key` (an INI block
 * for the credentials file), `list-certificates` ({"Certificates": [{CertificateArn,
 * SubjectAlternativeNames}]}), `get-certificate` (PEM), `describe-service --service-id s3` (Status.State,
 * Endpoints, Storage or ServiceCapacities) and `describe-device` (DeviceCapacities,
 * PhysicalNetworkInterfaces). The JSON is the first document in the output (notices may come around it);
 * a field the device leaves out is null, never guessed.
 */
import { X509Certificate } from 'node:crypto';
import type { DeviceGlanceInfo } from '../../contract';
import { firstJsonDocument, isRecord, recordAt, stringAt } from '../client/json-document';

type Glance = Omit<DeviceGlanceInfo, 'host' | 's3' | 'problem'>;
type S3Service = NonNullable<DeviceGlanceInfo['s3']>;

export interface CertificateListing {
  arn: string;
  subjectAlternativeNames: string[];
}

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const S3_STATES: readonly S3Service['state'][] = [
  'ACTIVE',
  'ACTIVATING',
  'DEACTIVATING',
  'DEGRADED',
  'INACTIVE',
];

/** `list-access-keys`: the key IDs, in the device's order; null when the output holds none. */
export function parseAccessKeys(text: string): string[] | null {
  const doc = firstJsonDocument(text, (v) => isRecord(v) && Array.isArray(v.AccessKeyIds));
  if (!doc || !isRecord(doc.value)) return null;
  const ids = (doc.value.AccessKeyIds as unknown[]).filter(
    (id): id is string => typeof id === 'string' && ACCESS_KEY_ID.test(id),
  );
  return ids.length > 0 ? ids : null;
}

/**
 * `get-secret-access-key`: the INI block's aws_secret_access_key, when its aws_access_key_id (if printed)
 * is the key asked for; null otherwise.
 */
export function parseSecretKey(text: string, accessKeyId: string): string | null {
  const value = (name: string) =>
    new RegExp(`^\\s*${name}\\s*=\\s*(\\S+)\\s*$`, 'im').exec(text)?.[1] ?? null;
  const id = value('aws_access_key_id');
  const secret = value('aws_secret_access_key');
  if (id !== null && id !== accessKeyId) return null;
  return secret && /^[A-Za-z0-9/+=]{16,128}$/.test(secret) ? secret : null;
}

/** `list-certificates`. */
export function parseCertificateList(text: string): CertificateListing[] | null {
  const doc = firstJsonDocument(text, (v) => isRecord(v) && Array.isArray(v.Certificates));
  if (!doc || !isRecord(doc.value)) return null;
  return (doc.value.Certificates as unknown[]).filter(isRecord).flatMap((c) => {
    const arn = stringAt(c, 'CertificateArn');
    if (!arn) return [];
    const names = Array.isArray(c.SubjectAlternativeNames)
      ? c.SubjectAlternativeNames.filter((n): n is string => typeof n === 'string')
      : [];
    return [{ arn, subjectAlternativeNames: names }];
  });
}

/** `get-certificate`: the first PEM certificate that parses as X.509; null when there is none. */
export function parsePem(text: string): string | null {
  for (const match of text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)) {
    const pem = `${match[0].replace(/\r\n/g, '\n')}\n`;
    try {
      new X509Certificate(pem);
      return pem;
    } catch {
      continue;
    }
  }
  return null;
}

/** `describe-service --service-id s3`; null when the output holds no service description. */
export function parseS3Service(text: string): S3Service | null {
  const doc = firstJsonDocument(text, (v) => isRecord(v) && typeof v.ServiceId === 'string');
  if (!doc || !isRecord(doc.value)) return null;
  const service = doc.value;
  const raw = stringAt(recordAt(service, 'Status') ?? {}, 'State');
  const state = S3_STATES.find((s) => s === raw) ?? 'UNKNOWN';
  const endpoints = (Array.isArray(service.Endpoints) ? service.Endpoints : [])
    .filter(isRecord)
    .flatMap((e) => {
      const host = stringAt(e, 'Host');
      const port = numberAt(e, 'Port');
      if (!host || port === null) return [];
      const arn = stringAt(recordAt(e, 'CertificateAssociation') ?? {}, 'CertificateArn');
      return [{ protocol: stringAt(e, 'Protocol') ?? 'https', host, port, certificateArn: arn }];
    });
  const storage = recordAt(service, 'Storage');
  const capacity = (Array.isArray(service.ServiceCapacities) ? service.ServiceCapacities : [])
    .filter(isRecord)
    .find((c) => /storage/i.test(stringAt(c, 'Name') ?? ''));
  const total = storage
    ? numberAt(storage, 'TotalSpaceBytes')
    : capacity
      ? (numberAt(capacity, 'Total') ?? sum(numberAt(capacity, 'Used'), numberAt(capacity, 'Available')))
      : null;
  const free = storage
    ? numberAt(storage, 'FreeSpaceBytes')
    : capacity
      ? numberAt(capacity, 'Available')
      : null;
  return { state, endpoints, totalBytes: total, freeBytes: free };
}

/** `describe-device`: what the device is and has; null when the output holds no description. */
export function parseDeviceDetails(text: string): Glance | null {
  const doc = firstJsonDocument(
    text,
    (v) => isRecord(v) && (typeof v.DeviceId === 'string' || isRecord(v.UnlockStatus)),
  );
  if (!doc || !isRecord(doc.value)) return null;
  const device = doc.value;
  const capacities = (Array.isArray(device.DeviceCapacities) ? device.DeviceCapacities : [])
    .filter(isRecord)
    .flatMap((c) => {
      const name = stringAt(c, 'Name');
      if (!name) return [];
      const used = numberAt(c, 'Used');
      const available = numberAt(c, 'Available');
      return [
        {
          name,
          unit: stringAt(c, 'Unit') ?? '',
          total: numberAt(c, 'Total') ?? sum(used, available),
          used,
          available,
        },
      ];
    });
  const interfaces = (Array.isArray(device.PhysicalNetworkInterfaces) ? device.PhysicalNetworkInterfaces : [])
    .filter(isRecord)
    .map((n) => ({
      id: stringAt(n, 'PhysicalNetworkInterfaceId'),
      connector: stringAt(n, 'PhysicalConnectorType'),
      assignment: stringAt(n, 'IpAddressAssignment'),
      ipAddress: stringAt(n, 'IpAddress'),
      netmask: stringAt(n, 'Netmask'),
      gateway: stringAt(n, 'DefaultGateway'),
      mac: stringAt(n, 'MacAddress'),
    }));
  return {
    deviceId: stringAt(device, 'DeviceId'),
    deviceType: stringAt(device, 'DeviceType'),
    unlockState: stringAt(recordAt(device, 'UnlockStatus') ?? {}, 'State'),
    capacities,
    interfaces,
  };
}

function sum(a: number | null, b: number | null): number | null {
  return a !== null && b !== null ? a + b : null;
}

function numberAt(record: Record<string, unknown>, key: string): number | null {
  const value = record[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Some devices print sizes as strings ("MtuSize": "5743").
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}
