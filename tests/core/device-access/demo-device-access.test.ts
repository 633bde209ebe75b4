/**
 * After UNLOCKED, through the channels of the real composition and the demo account's simulated site:
 * the device's keys, certificate and S3 state read through the unlock's private profile; the S3 adapter
 * not started yet; the certificate saved; a profile for the AWS CLI written beside the person's own; the
 * check with the real AWS SDK for S3 over HTTPS trusting only that certificate; then the profile used by
 * the SDK as the AWS CLI would use it (shared files, ca_bundle), for a device and for a cluster.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  GetObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_CLIENT_PATH, type DeviceAccessInfo } from '../../../electron/contract';
import { startSimulatedSite } from '../../../electron/core/client/simulated-program';
import { InProcessDemoAccount } from '../../../electron/core/demo-account';
import { DEVICE_SECRET_MARKER } from '../../../emulator';
import type { ChannelClient } from '../../helpers/channels';
import { composeDemoSite, unlockDemoJob } from '../../helpers/demo-unlock';
import { tempDir } from '../../helpers/temp-dirs';

const demo = new InProcessDemoAccount({ seed: 'device-access' });
const root = tempDir('companion-device-access-');
const dataDir = path.join(root, 'data');
const aws = path.join(root, '.aws');
const sent: [string, unknown][] = [];
/** The site's own time: moved on past its S3 adapters' start, never waited for. */
let skew = 0;
const S3_START_MS = 60_000;
const site = startSimulatedSite({
  unlockMs: 600,
  staggerMs: 200,
  s3StartMs: S3_START_MS,
  now: () => Date.now() + skew,
});
let app: ChannelClient['app'];
let call: ChannelClient['call'];

const PERSON_CONFIG =
  '# my own settings\n[default]\nregion = eu-west-1\n\n[profile work]  ; keep me\nregion = us-east-2\n';
const PERSON_CREDENTIALS =
  '[work]\r\naws_access_key_id = AKIAWORKWORKWORK0001\r\naws_secret_access_key = notarealsecretnotarealsecret00000000000\r\n';

beforeAll(async () => {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(aws, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(aws, 'config'), PERSON_CONFIG, { mode: 0o600 });
  writeFileSync(path.join(aws, 'credentials'), PERSON_CREDENTIALS, { mode: 0o600 });
  ({ app, call } = await composeDemoSite({ root, dataDir, demo, sent }, () => site));
  await call('connect', { source: { kind: 'demo' } });
});
afterAll(async () => {
  await app.service.close();
  await demo.stop();
});

describe('after the unlock, the demo’s simulated device', () => {
  let access: DeviceAccessInfo;
  let unlocked: Awaited<ReturnType<typeof unlockDemoJob>>;

  it('gives its keys, certificate and picture, the S3 adapter still starting', async () => {
    unlocked = await unlockDemoJob({ call, sent, demo, root }, 'warehouse3', 'us-east-1', ['192.0.2.10']);
    expect(unlocked.statuses.at(-1)?.state).toBe('UNLOCKED');
    access = await call<DeviceAccessInfo>('readDeviceAccess', {
      handleId: unlocked.handleId,
      manifestPath: unlocked.manifestPath,
      hosts: ['192.0.2.10'],
      clientPath: SIMULATED_CLIENT_PATH,
    });
    expect(access).toMatchObject({
      hosts: ['192.0.2.10'],
      simulated: true,
      jobId: unlocked.jobId,
      endpoint: 'https://192.0.2.10:8443',
      suggestedProfile: `snowball-${unlocked.jobId.slice(3, 11)}`,
      accessKeyId: expect.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    });
    expect(access.certificates).toEqual([
      expect.objectContaining({ host: '192.0.2.10', subjectAlternativeNames: ['192.0.2.10'] }),
    ]);
    const [device] = access.devices;
    expect(device?.capacities.map((c) => c.name)).toEqual(['HDD Storage', 'SSD Storage', 'vCPU', 'Memory']);
    expect(device?.interfaces[0]).toMatchObject({ ipAddress: '192.0.2.10', connector: 'RJ45' });
    expect(device?.s3?.state).toBe('ACTIVATING');
    await expect(call('checkDeviceS3', { accessId: access.accessId })).rejects.toMatchObject({
      code: 'S3_NOT_READY',
      message: expect.stringMatching(/ACTIVATING.*no figure/s),
    });
    expect(JSON.stringify(access)).not.toContain(DEVICE_SECRET_MARKER);
  });

  it('answers once its S3 adapter is ACTIVE: certificate saved, profile written beside the person’s, the SDK lists the job’s bucket', async () => {
    skew += S3_START_MS;
    access = await call<DeviceAccessInfo>('readDeviceAccess', {
      handleId: unlocked.handleId,
      manifestPath: unlocked.manifestPath,
      hosts: ['192.0.2.10'],
      clientPath: SIMULATED_CLIENT_PATH,
    });
    expect(access.devices[0]?.s3?.state).toBe('ACTIVE');
    const certificatePath = path.join(root, 'device-cert.pem');
    await expect(
      call('saveDeviceCertificate', { accessId: access.accessId, path: certificatePath }),
    ).resolves.toMatchObject({ certificates: 1 });
    await expect(
      call('saveDeviceCertificate', { accessId: access.accessId, path: certificatePath }),
    ).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    const profile = access.suggestedProfile;
    const preview = await call<{ configLines: string[]; credentialsLines: string[]; exists: object }>(
      'previewAwsProfile',
      {
        accessId: access.accessId,
        profile,
        certificatePath,
      },
    );
    expect(preview.configLines).toEqual([
      `[profile ${profile}]`,
      'region = snow',
      'endpoint_url = https://192.0.2.10:8443',
      `ca_bundle = ${certificatePath}`,
    ]);
    expect(preview.credentialsLines[2]).toMatch(/^aws_secret_access_key = \*{40}$/);
    expect(preview.exists).toEqual({ config: false, credentials: false });
    await call('writeAwsProfile', {
      accessId: access.accessId,
      profile,
      certificatePath,
      replace: false,
      consent: true,
    });
    const config = readFileSync(path.join(aws, 'config'), 'utf8');
    const credentials = readFileSync(path.join(aws, 'credentials'), 'utf8');
    expect(config.startsWith(PERSON_CONFIG)).toBe(true);
    expect(credentials.startsWith(PERSON_CREDENTIALS)).toBe(true);
    expect(credentials.endsWith('\r\n')).toBe(true);
    await expect(
      call('writeAwsProfile', {
        accessId: access.accessId,
        profile,
        certificatePath,
        replace: false,
        consent: true,
      }),
    ).rejects.toMatchObject({ code: 'PROFILE_EXISTS' });

    const checked = await call<{ buckets: { name: string }[]; commands: { command: string }[] }>(
      'checkDeviceS3',
      {
        accessId: access.accessId,
        certificatePath,
        profile,
      },
    );
    expect(checked.buckets.map((b) => b.name)).toEqual(['acme-warehouse3-camera-archive']);
    expect(checked.commands.map((c) => c.command)).toEqual([
      `aws s3 ls --profile ${profile} --endpoint-url https://192.0.2.10:8443`,
      `aws s3 ls s3://acme-warehouse3-camera-archive/ --profile ${profile} --endpoint-url https://192.0.2.10:8443`,
      `aws s3 cp ./FILE s3://acme-warehouse3-camera-archive/ --profile ${profile} --endpoint-url https://192.0.2.10:8443`,
    ]);
  });

  it('serves the profile as the AWS SDK reads it: put, list (version 1), get; version 2 not supported', async () => {
    const env = {
      AWS_CONFIG_FILE: path.join(aws, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials'),
    };
    const files = await loadSharedConfigFiles({
      configFilepath: env.AWS_CONFIG_FILE,
      filepath: env.AWS_SHARED_CREDENTIALS_FILE,
      ignoreCache: true,
    });
    const settings = files.configFile[access.suggestedProfile]!;
    expect(files.configFile.work).toEqual({ region: 'us-east-2' });
    const ca = readFileSync(settings.ca_bundle!, 'utf8');
    // The demo device listens on 127.0.0.1: only the socket goes there, TLS checks 192.0.2.10.
    const site = (
      app.service.client as unknown as {
        site: Promise<{ connectVia(h: string, p: number): { host: string; port: number } }>;
      }
    ).site;
    const via = (await site).connectVia('192.0.2.10', 8443);
    const agent = new https.Agent({ ca });
    agent.createConnection = (o) =>
      tls.connect({ ...(o as object), socket: net.connect(via.port, via.host) });
    const s3 = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint_url,
      forcePathStyle: true,
      credentials: fromIni({
        profile: access.suggestedProfile,
        filepath: env.AWS_SHARED_CREDENTIALS_FILE,
        configFilepath: env.AWS_CONFIG_FILE,
      }),
      requestHandler: new NodeHttpHandler({ httpsAgent: agent }),
    });
    const Bucket = 'acme-warehouse3-camera-archive';
    await s3.send(new PutObjectCommand({ Bucket, Key: 'day1/cam-01.mp4', Body: Buffer.from('frames') }));
    const listed = await s3.send(new ListObjectsCommand({ Bucket, Prefix: 'day1/' }));
    expect(listed.Contents?.map((c) => [c.Key, c.Size])).toEqual([['day1/cam-01.mp4', 6]]);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'day1/cam-01.mp4' }));
    expect(await got.Body?.transformToString()).toBe('frames');
    await expect(s3.send(new ListObjectsV2Command({ Bucket }))).rejects.toMatchObject({
      name: 'NotImplemented',
    });
    s3.destroy();
  });

  it('keeps the secret key out of the audit log and the events, and records each step', async () => {
    const audit = readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).not.toContain(DEVICE_SECRET_MARKER);
    expect(JSON.stringify(sent)).not.toContain(DEVICE_SECRET_MARKER);
    for (const action of [
      'read-device-access',
      'save-device-certificate',
      'write-aws-profile',
      'check-device-s3',
    ])
      expect(audit).toMatch(new RegExp(`"action":"${action}","outcome":"ok"`));
    const revealed = await call<{ secretAccessKey: string }>('revealDeviceSecretKey', {
      accessId: access.accessId,
    });
    expect(revealed.secretAccessKey.startsWith(DEVICE_SECRET_MARKER)).toBe(true);
    expect(readFileSync(path.join(dataDir, 'audit.jsonl'), 'utf8')).toMatch(
      /"action":"reveal-device-secret-key","outcome":"ok"/,
    );
    await call('forgetDeviceAccess', { accessId: access.accessId });
    await expect(call('revealDeviceSecretKey', { accessId: access.accessId })).rejects.toMatchObject({
      code: 'DEVICE_ACCESS_EXPIRED',
    });
  });

  it('reads every node of the cluster: a certificate per node, one pair of keys, each node’s S3 adapter checked', async () => {
    const hosts = ['192.0.2.21', '192.0.2.22', '192.0.2.23', '192.0.2.24', '192.0.2.25'];
    const cluster = await unlockDemoJob({ call, sent, demo, root }, 'clusterNode1', 'us-west-2', hosts);
    expect(cluster.statuses.at(-1)?.state).toBe('UNLOCKED');
    skew += S3_START_MS;
    const read = await call<DeviceAccessInfo>('readDeviceAccess', {
      handleId: cluster.handleId,
      manifestPath: cluster.manifestPath,
      hosts,
      clientPath: SIMULATED_CLIENT_PATH,
    });
    expect(read.certificates.map((c) => c.subjectAlternativeNames)).toEqual(hosts.map((h) => [h]));
    expect(read.devices.map((d) => d.s3?.state)).toEqual(hosts.map(() => 'ACTIVE'));
    const bundle = path.join(root, 'cluster-certs.pem');
    await expect(
      call('saveDeviceCertificate', { accessId: read.accessId, path: bundle }),
    ).resolves.toMatchObject({ certificates: 5 });
    const checked = await call<{ hosts: string[] }>('checkDeviceS3', {
      accessId: read.accessId,
      certificatePath: bundle,
    });
    expect(checked.hosts).toEqual(hosts);
  }, 60_000);
});
