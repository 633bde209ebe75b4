/**
 * After UNLOCKED: leave the device ready for data. Reads the device through the Snowball Edge client
 * (describe-device and describe-service s3 for each address, list-certificates and get-certificate,
 * list-access-keys and get-secret-access-key), every command through the unlock's private profile; keeps
 * the device's secret key and certificates in main (device-keys.ts); saves the certificate where the
 * person chooses; writes a profile for the AWS CLI and SDKs with their consent (aws-profile-files.ts);
 * and checks it all with the AWS SDK for S3 (s3-check.ts). Nothing here needs the AWS account.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type {
  Answer,
  DeviceGlanceInfo,
  HandlerInput as In,
  HandlerOutput,
  TrustedClientInfo,
} from '../../contract';
import { AppError } from '../app-error';
import type { AuditEntry, AuditFields, AuditLog } from '../audit-log';
import type { ClientSession } from '../client/client-session';
import { assertDeviceHost } from '../client/device-address';
import type { ClientLauncher, DeviceSession } from '../client/launcher';
import { writeFileAtomic } from '../fs/atomic-write';
import { readSmallFile } from '../fs/read-small-file';
import type { Clock } from '../ports';
import { sharedFiles } from '../sso/sso-settings';
import { profileExists, profileLines, writeProfile, type ProfileSpec } from './aws-profile-files';
import { runDeviceCommand } from './device-command';
import { DeviceAccessVault, type HeldAccess } from './device-keys';
import {
  parseAccessKeys,
  parseCertificateList,
  parseDeviceDetails,
  parsePem,
  parseS3Service,
  parseSecretKey,
  type CertificateListing,
} from './device-output';
import { certificateFacts } from './device-tls';
import { DEVICE_REGION, listDeviceBuckets } from './s3-check';

type Access = HandlerOutput<'readDeviceAccess'>;

export interface DeviceAccessPorts {
  clock: Clock;
  /** Where the AWS config and credentials files are (HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
  env: NodeJS.ProcessEnv;
  launcher: ClientLauncher;
  /** The unlock code the vault holds for a handle (UNLOCK_CODE_EXPIRED otherwise), and its job. */
  codeOf(handleId: string): string;
  jobOf(handleId: string): string | null;
  /** A client the person vouched for (CLIENT_UNCONFIRMED otherwise), or the demo's simulated one. */
  clientFor(path: string): TrustedClientInfo | 'simulated';
  audit: AuditLog;
  /** How long the device's keys stay in memory (default 30 minutes). */
  holdMs?: number;
}

/** The S3 adapter's HTTPS port when describe-service does not say (developer guide: 8443). */
const S3_HTTPS_PORT = 8443;
const JOB_ID = /(?:J|M)ID([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class DeviceAccessService {
  private readonly vault: DeviceAccessVault;

  constructor(private readonly ports: DeviceAccessPorts) {
    this.vault = new DeviceAccessVault(ports.clock, ports.holdMs);
  }

  async read(input: In<'readDeviceAccess'>): Promise<Access> {
    const hosts = input.hosts.map(assertDeviceHost);
    const jobId = this.ports.jobOf(input.handleId);
    const fields = { path: input.manifestPath, ...(jobId ? { jobId } : {}) };
    const open = this.ports.launcher.openSession.bind(this.ports.launcher);
    return this.audited('read-device-access', fields, async () => {
      const opened = await open(
        {
          code: this.ports.codeOf(input.handleId),
          manifestPath: input.manifestPath,
          hosts,
          client: this.ports.clientFor(input.clientPath),
          jobId,
        },
        {
          created: (dir) => this.profileChange('create-client-profile', fields, dir, hosts),
          removed: (dir) => this.profileChange('remove-client-profile', fields, dir, hosts),
        },
      );
      try {
        const held = await this.readWith(opened, hosts, jobId, input.manifestPath);
        return {
          value: held.info,
          detail: `${opened.simulated ? 'simulated device and client (demo): ' : ''}${hosts.join(' ')}: ${held.info.certificates.length} certificate(s), access key ${held.info.accessKeyId}`,
          ...(opened.simulated ? { simulated: true } : {}),
        };
      } finally {
        await opened.session.close();
      }
    });
  }

  async revealSecretKey({ accessId }: In<'revealDeviceSecretKey'>) {
    const held = this.vault.get(accessId);
    return this.audited('reveal-device-secret-key', this.fieldsOf(held), async () => ({
      value: { secretAccessKey: held.secretAccessKey },
      detail: `secret key of ${held.info.accessKeyId} shown`,
    }));
  }

  async saveCertificate({ accessId, path: file, overwrite }: In<'saveDeviceCertificate'>) {
    const held = this.vault.get(accessId);
    const bundle = [...new Set(held.pems.values())].join('');
    return this.audited('save-device-certificate', { ...this.fieldsOf(held), path: file }, async () => {
      const bytes = await writeFileAtomic(file, bundle, { overwrite: overwrite ?? false, mode: 0o600 });
      const certificates = new Set(held.pems.values()).size;
      return {
        value: { path: file, bytes, certificates },
        sha256: createHash('sha256').update(bundle).digest('hex'),
        detail: `${certificates} certificate(s) of ${held.info.hosts.join(' ')}`,
      };
    });
  }

  async previewProfile(input: In<'previewAwsProfile'>): Answer<'previewAwsProfile'> {
    const held = this.vault.get(input.accessId);
    const spec = this.specOf(held, input.profile, input.certificatePath);
    const lines = profileLines(spec, true);
    const files = sharedFiles(this.ports.env);
    return {
      profile: spec.name,
      ...files,
      configLines: lines.config,
      credentialsLines: lines.credentials,
      exists: await profileExists(files, spec.name),
      commands: commandsFor(spec.name, held.info.endpoint, null),
    };
  }

  async writeProfile(input: In<'writeAwsProfile'>): Answer<'writeAwsProfile'> {
    const held = this.vault.get(input.accessId);
    const files = sharedFiles(this.ports.env);
    return this.audited(
      'write-aws-profile',
      { ...this.fieldsOf(held), path: files.credentialsFile },
      async () => {
        await this.assertSavedCertificate(held, input.certificatePath);
        const spec = this.specOf(held, input.profile, input.certificatePath);
        const { replaced } = await writeProfile(files, spec, input.replace);
        return {
          value: { profile: spec.name, ...files, replaced },
          detail: `profile ${spec.name} ${replaced ? 'replaced' : 'added'} in ${files.configFile} (region ${DEVICE_REGION}, endpoint ${spec.endpointUrl}, ca_bundle ${spec.caBundle}) and ${files.credentialsFile} (the device's keys)`,
        };
      },
    );
  }

  async checkS3(input: In<'checkDeviceS3'>): Answer<'checkDeviceS3'> {
    const held = this.vault.get(input.accessId);
    return this.audited('check-device-s3', this.fieldsOf(held), async () => {
      const ca = input.certificatePath
        ? await this.readCertificateFile(input.certificatePath)
        : [...held.pems.values()];
      let first: Awaited<ReturnType<typeof listDeviceBuckets>> | null = null;
      for (const host of held.info.hosts) {
        const s3 = held.s3.get(host) ?? { host, port: S3_HTTPS_PORT, state: null };
        const listed = await listDeviceBuckets(
          {
            endpoint: urlOf(s3.host, s3.port),
            host,
            ca,
            via: held.connectVia(s3.host, s3.port),
            accessKeyId: held.info.accessKeyId,
            secretAccessKey: held.secretAccessKey,
            serviceState: s3.state,
          },
          this.ports.clock,
        );
        first ??= listed;
      }
      const buckets = first?.buckets ?? [];
      const bucket = buckets.map((b) => b.name).find((name) => BUCKET_NAME.test(name)) ?? null;
      return {
        value: {
          hosts: held.info.hosts,
          endpoint: held.info.endpoint,
          buckets,
          latencyMs: first?.latencyMs ?? 0,
          trusted: input.certificatePath ?? 'the certificate read from the device',
          commands: commandsFor(input.profile ?? held.info.suggestedProfile, held.info.endpoint, bucket),
        },
        detail: `ListBuckets at ${held.info.endpoint}${held.info.hosts.length > 1 ? ` and ${held.info.hosts.length - 1} more node(s)` : ''}: ${buckets.length} bucket(s), trusting ${input.certificatePath ?? 'the certificate read from the device'}`,
      };
    });
  }

  async forget({ accessId }: In<'forgetDeviceAccess'>): Answer<'forgetDeviceAccess'> {
    this.vault.forget(accessId);
    return {};
  }

  private async readWith(
    opened: DeviceSession,
    hosts: string[],
    jobId: string | null,
    manifestPath: string,
  ): Promise<HeldAccess> {
    const { session, timeoutMs } = opened;
    const run = (args: string[]) => runDeviceCommand(session, args, timeoutMs);
    const devices = await describeAll(session, hosts, run);
    const certificates: Access['certificates'] = [];
    const pems = new Map<string, string>();
    const s3 = new Map<string, { host: string; port: number; state: string | null }>();
    for (const [i, device] of devices.entries()) {
      const profile = session.profileFor(i) ?? '';
      const https = device.s3?.endpoints.find((e) => e.protocol === 'https') ?? null;
      s3.set(device.host, {
        host: https?.host ?? device.host,
        port: https?.port ?? S3_HTTPS_PORT,
        state: device.s3?.state ?? null,
      });
      const listed =
        parseCertificateList((await run(['list-certificates', '--profile', profile])).text) ?? [];
      const chosen = chooseCertificate(listed, https?.certificateArn ?? null, https?.host ?? device.host);
      if (!chosen) {
        throw new AppError(
          'DEVICE_ACCESS_FAILED',
          `The device at ${device.host} listed no certificate (snowballEdge list-certificates), so its S3 adapter cannot be trusted over HTTPS yet. Read the device again in a minute.`,
        );
      }
      const got = await run(['get-certificate', '--certificate-arn', chosen.arn, '--profile', profile]);
      const pem = parsePem(got.text);
      if (!pem) throw got.failed(`printed no certificate for ${device.host}`);
      const facts = certificateFacts(pem);
      pems.set(device.host, pem);
      certificates.push({
        host: device.host,
        arn: chosen.arn,
        subjectAlternativeNames: chosen.subjectAlternativeNames,
        fingerprint: facts.fingerprint,
        notAfter: facts.notAfter,
      });
    }
    const keys = await run(['list-access-keys', '--profile', session.profile ?? '']);
    const ids = parseAccessKeys(keys.text);
    const accessKeyId = ids?.[0];
    if (!ids || !accessKeyId) throw keys.failed('printed no access key');
    const secret = await run([
      'get-secret-access-key',
      '--access-key-id',
      accessKeyId,
      '--profile',
      session.profile ?? '',
    ]);
    const secretAccessKey = parseSecretKey(secret.text, accessKeyId);
    if (!secretAccessKey) throw secret.failed(`printed no secret key for ${accessKeyId}`);
    const first = s3.get(hosts[0] ?? '');
    return this.vault.hold({
      secretAccessKey,
      pems,
      s3,
      connectVia: opened.connectVia,
      info: {
        jobId,
        hosts,
        simulated: opened.simulated,
        accessKeyId,
        accessKeyIds: ids,
        certificates,
        devices,
        endpoint: urlOf(first?.host ?? hosts[0] ?? '', first?.port ?? S3_HTTPS_PORT),
        suggestedProfile: profileNameFor(jobId, devices, manifestPath),
        readAt: this.ports.clock.now(),
      },
    });
  }

  private specOf(held: HeldAccess, name: string, caBundle: string): ProfileSpec {
    return {
      name,
      region: DEVICE_REGION,
      endpointUrl: held.info.endpoint,
      caBundle,
      accessKeyId: held.info.accessKeyId,
      secretAccessKey: held.secretAccessKey,
    };
  }

  /** The file the profile's ca_bundle names must hold the device's certificate(s). */
  private async assertSavedCertificate(held: HeldAccess, file: string): Promise<void> {
    const saved = (await this.readCertificateFile(file)).join('');
    const missing = [...held.pems.entries()].filter(([, pem]) => !saved.includes(pem.trim()));
    if (missing.length > 0) {
      throw new AppError(
        'CERTIFICATE_MISMATCH',
        `${file} does not hold the certificate of ${missing.map(([host]) => host).join(', ')}. Save the device’s certificate there first (or choose the file you saved it in).`,
      );
    }
  }

  private async readCertificateFile(file: string): Promise<string[]> {
    const text = (
      await readSmallFile(file, {
        maxBytes: 256 * 1024,
        what: 'a saved certificate',
        next: 'Choose the file you saved the device’s certificate in, or save it again.',
      })
    ).toString('utf8');
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    if (pems.length === 0) {
      throw new AppError(
        'CERTIFICATE_MISMATCH',
        `${file} holds no certificate (PEM). Choose the file you saved the device’s certificate in, or save it again.`,
      );
    }
    return pems.map((pem) => `${pem}\n`);
  }

  private fieldsOf(held: HeldAccess): Pick<AuditEntry, 'jobId' | 'simulated'> {
    return {
      ...(held.info.jobId ? { jobId: held.info.jobId } : {}),
      ...(held.info.simulated ? { simulated: true } : {}),
    };
  }

  private profileChange(
    action: 'create-client-profile' | 'remove-client-profile',
    fields: Partial<AuditEntry>,
    dir: string,
    hosts: string[],
  ): void {
    void this.ports.audit.note({
      action,
      outcome: 'ok',
      ...fields,
      path: dir,
      detail:
        action === 'create-client-profile'
          ? `private profile (folder 0700, file 0600) to read ${hosts.join(' ')} after the unlock`
          : `private profile of reading ${hosts.join(' ')} removed`,
    });
  }

  /** Runs `work` and records it: its detail when it worked, the error's code (never its text) when not. */
  private audited<T>(
    action: AuditEntry['action'],
    fields: AuditFields,
    work: () => Promise<{ value: T; detail: string; sha256?: string; simulated?: boolean }>,
  ): Promise<T> {
    return this.ports.audit
      .audited(action, fields, work, {
        ok: (done) => ({
          detail: done.detail,
          ...(done.sha256 ? { sha256: done.sha256 } : {}),
          ...(done.simulated ? { simulated: true } : {}),
        }),
      })
      .then((done) => done.value);
  }
}

/** describe-device on every address (each through its own profile), then the S3 service of each. */
async function describeAll(
  session: ClientSession,
  hosts: string[],
  run: (args: string[]) => ReturnType<typeof runDeviceCommand>,
): Promise<DeviceGlanceInfo[]> {
  const devices: DeviceGlanceInfo[] = [];
  for (const [i, host] of hosts.entries()) {
    const described = await run(['describe-device', '--profile', session.profileFor(i) ?? '']);
    const details = parseDeviceDetails(described.text);
    if (!details) throw described.failed(`printed no description of ${host}`);
    devices.push({ host, ...details, s3: null, problem: null });
  }
  const locked = devices.filter((d) => d.unlockState !== 'UNLOCKED');
  if (locked.length > 0) {
    throw new AppError(
      'DEVICE_NOT_UNLOCKED',
      `${locked.map((d) => `${d.host} reports ${d.unlockState ?? 'no unlock state'}`).join('; ')}. Its keys and certificate can be read once it is UNLOCKED: unlock it first (or wait for the unlock to finish), then read it again.`,
    );
  }
  for (const [i, device] of devices.entries()) {
    const service = await run([
      'describe-service',
      '--service-id',
      's3',
      '--profile',
      session.profileFor(i) ?? '',
    ]).then(
      (out) => parseS3Service(out.text) ?? out.failed('printed no description of the s3 service').message,
      (error: unknown) => (error instanceof AppError ? error.message : 'describe-service failed'),
    );
    if (typeof service === 'string') device.problem = service;
    else device.s3 = service;
  }
  return devices;
}

/** The certificate the S3 adapter's HTTPS endpoint names, else one naming the address, else the first. */
function chooseCertificate(
  listed: CertificateListing[],
  arn: string | null,
  host: string,
): CertificateListing | null {
  return (
    listed.find((c) => c.arn === arn) ??
    listed.find((c) => c.subjectAlternativeNames.includes(host)) ??
    listed[0] ??
    null
  );
}

/** `snowball-` and the job's first eight hex digits (the job of the code, a device's id, or the manifest's name). */
function profileNameFor(jobId: string | null, devices: DeviceGlanceInfo[], manifestPath: string): string {
  const short =
    JOB_ID.exec(jobId ?? '')?.[1] ??
    devices.map((d) => JOB_ID.exec(d.deviceId ?? '')?.[1]).find(Boolean) ??
    JOB_ID.exec(path.basename(manifestPath))?.[1];
  return short ? `snowball-${short}` : 'snowball-device';
}

function urlOf(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * What the person can type now. The guide pins the AWS CLI for the S3 adapter to version 1.16.14, which
 * does not read endpoint_url from a profile, so every command names the endpoint; ca_bundle and the keys
 * come from the profile.
 */
function commandsFor(profile: string, endpoint: string, bucket: string | null) {
  const flags = `--profile ${profile} --endpoint-url ${endpoint}`;
  const name = bucket ?? 'BUCKET';
  return [
    { label: 'List the buckets', command: `aws s3 ls ${flags}` },
    { label: `List what is in ${name}`, command: `aws s3 ls s3://${name}/ ${flags}` },
    { label: `Copy a file into ${name}`, command: `aws s3 cp ./FILE s3://${name}/ ${flags}` },
  ];
}
