/**
 * A device unlocked earlier, without AWS, through the channels of the real composition and the stand-in
 * client (written from the developer guide): the code only through the private profile, the device's keys
 * and certificate read from the client's output, a real HTTPS S3 adapter on 127.0.0.1 checked by the AWS
 * SDK trusting only that certificate, and each fault in words: a device still locked, its S3 adapter not
 * started, keys it does not know, a secret that does not sign, a certificate that is not its own or does
 * not name its address, a profile of that name already there, and the legacy client.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceAccessInfo } from '../../../electron/contract';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';
import { InProcessDemoAccount } from '../../../electron/core/demo-account';
import { DEVICE_SECRET_MARKER, makeDeviceCertificate, newDeviceKeys, startDeviceS3 } from '../../../emulator';
import { composeChannels, type ChannelClient } from '../../helpers/channels';
import {
  installFakeSnowball,
  randomUnlockCode,
  startFakeDevice,
  vouch,
  writeFakeDevice,
  writeManifest,
  type FakeDevice,
} from '../../helpers/fake-snowball';
import { available, watchProcesses } from '../../helpers/proc-watch';
import { tempDir } from '../../helpers/temp-dirs';

const fake = installFakeSnowball();
const code = randomUnlockCode();
const JOB = 'JID0a1b2c3d-2222-3333-4444-555555555555';
const manifest = writeManifest(path.join(fake.root, 'stick', `${JOB}_manifest.bin`), code, { jobId: JOB });
const demo = new InProcessDemoAccount({ seed: 'client-device-access' });
const root = tempDir('companion-client-access-');
let keys: FakeDevice['keys'];
let stopS3: () => Promise<void> = async () => undefined;
let accepting = true;
let device: FakeDevice;
let app: ChannelClient['app'];
let call: ChannelClient['call'];
let handleId = '';

const HOST = '127.0.0.1';

beforeAll(async () => {
  const started = await startFakeDevice(fake, { host: HOST, accepting: () => accepting });
  stopS3 = started.stop;
  keys = started.keys;
  device = started.device;
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const launcher = new SnowballClientLauncher({
    env: fake.env(),
    privateRoot: path.join(dataDir, 'client-homes'),
  });
  ({ app, call } = await composeChannels({
    home: root,
    dataDir,
    demo,
    launcher,
    env: { ...fake.env(), HOME: root },
    askToRunClient: async () => true,
  }));
  await call('confirmSnowballClient', { path: fake.edge, sha256: (await vouch(launcher, fake.edge)).sha256 });
  ({ id: handleId } = await call<{ id: string }>('holdUnlockCode', { code, jobId: null }));
});
afterAll(async () => {
  await app.service.close();
  await stopS3();
  await demo.stop();
});

const read = () =>
  call<DeviceAccessInfo>('readDeviceAccess', {
    handleId,
    manifestPath: manifest,
    hosts: [HOST],
    clientPath: fake.edge,
  });

describe('a device unlocked earlier, with the stand-in client and no AWS', () => {
  it('reads keys and certificate through the private profile: no code or secret in any process’s arguments', async () => {
    const watch = available
      ? watchProcesses((c) => c.includes('snowballEdge'), { descendantsOf: process.pid })
      : null;
    const access = await read();
    const seen = watch?.stop() ?? [];
    expect(access).toMatchObject({
      accessKeyId: keys.accessKeyId,
      endpoint: `https://${HOST}:${device.devices[HOST]!.s3.port}`,
      suggestedProfile: 'snowball-0a1b2c3d',
      simulated: false,
    });
    expect(access.devices[0]?.capacities[0]).toMatchObject({ name: 'HDD Storage', unit: 'Byte' });
    const calls = fake.calls().filter((c) => c.args[0] !== 'version');
    expect(calls.map((c) => c.args[0])).toEqual([
      'describe-device',
      'describe-service',
      'list-certificates',
      'get-certificate',
      'list-access-keys',
      'get-secret-access-key',
    ]);
    expect(calls.every((c) => !c.codeInArgs && c.code === '[code-ok]' && c.home)).toBe(true);
    for (const p of seen) {
      expect(p.cmdline).not.toContain(code);
      expect(p.cmdline).not.toContain(keys.secretAccessKey);
    }
    if (available) expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(access)).not.toContain(DEVICE_SECRET_MARKER);
  });

  it('checks the S3 adapter with the SDK, trusting only the device’s certificate', async () => {
    const access = await read();
    const checked = await call<{ buckets: { name: string }[] }>('checkDeviceS3', {
      accessId: access.accessId,
    });
    expect(checked.buckets.map((b) => b.name)).toEqual(['site-archive']);
  });

  it('says so when the S3 adapter is not started yet', async () => {
    device.devices[HOST]!.s3.state = 'ACTIVATING';
    writeFakeDevice(fake, device);
    accepting = false;
    try {
      const access = await read();
      expect(access.devices[0]?.s3?.state).toBe('ACTIVATING');
      await expect(call('checkDeviceS3', { accessId: access.accessId })).rejects.toMatchObject({
        code: 'S3_NOT_READY',
        message: expect.stringMatching(/reports its S3 adapter as ACTIVATING.*Refresh/s),
      });
    } finally {
      device.devices[HOST]!.s3.state = 'ACTIVE';
      writeFakeDevice(fake, device);
      accepting = true;
    }
  });

  it('says so when the keys are not the device’s, or the secret does not sign', async () => {
    for (const [wrong, words] of [
      [newDeviceKeys(), /does not know this access key/],
      [{ ...keys, secretAccessKey: newDeviceKeys().secretAccessKey }, /refused the secret key/],
    ] as const) {
      writeFakeDevice(fake, { ...device, keys: wrong });
      const access = await read();
      await expect(call('checkDeviceS3', { accessId: access.accessId })).rejects.toMatchObject({
        code: 'DEVICE_KEYS_REFUSED',
        message: expect.stringMatching(words),
      });
    }
    writeFakeDevice(fake, device);
  });

  it('says so when the certificate is not the device’s, or does not name its address', async () => {
    const other = await makeDeviceCertificate(HOST);
    const access = await read();
    const saved = path.join(root, 'other-cert.pem');
    writeFileSync(saved, other.cert);
    await expect(
      call('checkDeviceS3', { accessId: access.accessId, certificatePath: saved }),
    ).rejects.toMatchObject({
      code: 'CERTIFICATE_MISMATCH',
      message: expect.stringMatching(/new IP address/),
    });
    // The device's own certificate, but for another address: TLS checks the IP SAN.
    const elsewhere = await makeDeviceCertificate('127.0.0.2');
    const s3 = await startDeviceS3({ ...elsewhere, keys, buckets: ['site-archive'] });
    try {
      writeFakeDevice(fake, {
        ...device,
        devices: {
          [HOST]: {
            ...device.devices[HOST]!,
            certificate: elsewhere.cert,
            s3: { state: 'ACTIVE', host: HOST, port: s3.port },
          },
        },
      });
      const moved = await read();
      await expect(call('checkDeviceS3', { accessId: moved.accessId })).rejects.toMatchObject({
        code: 'CERTIFICATE_MISMATCH',
        message: expect.stringMatching(/ERR_TLS_CERT_ALTNAME_INVALID/),
      });
    } finally {
      await s3.stop();
      writeFakeDevice(fake, device);
    }
  });

  it('refuses a device that is not unlocked yet', async () => {
    writeFakeDevice(fake, { ...device, devices: { [HOST]: { ...device.devices[HOST]!, state: 'LOCKED' } } });
    await expect(read()).rejects.toMatchObject({
      code: 'DEVICE_NOT_UNLOCKED',
      message: expect.stringMatching(/127\.0\.0\.1 reports LOCKED.*unlock it first/),
    });
    writeFakeDevice(fake, device);
  });

  it('never replaces a profile of that name unasked; asked, it replaces only that profile', async () => {
    const access = await read();
    const certificatePath = path.join(root, 'device.pem');
    await call('saveDeviceCertificate', { accessId: access.accessId, path: certificatePath });
    const aws = path.join(root, '.aws');
    mkdirSync(aws, { recursive: true });
    const config = `[profile snowball-0a1b2c3d]\nregion = us-east-1\n\n# the next one is mine\n[profile mine]\nregion = eu-west-1\n`;
    writeFileSync(path.join(aws, 'config'), config);
    const request = {
      accessId: access.accessId,
      profile: 'snowball-0a1b2c3d',
      certificatePath,
      consent: true,
    };
    const preview = await call<{ exists: object }>('previewAwsProfile', {
      accessId: access.accessId,
      profile: request.profile,
      certificatePath,
    });
    expect(preview.exists).toEqual({ config: true, credentials: false });
    await expect(call('writeAwsProfile', { ...request, replace: false })).rejects.toMatchObject({
      code: 'PROFILE_EXISTS',
    });
    expect(readFileSync(path.join(aws, 'config'), 'utf8')).toBe(config);
    await expect(call('writeAwsProfile', { ...request, replace: true })).resolves.toMatchObject({
      replaced: true,
    });
    expect(readFileSync(path.join(aws, 'config'), 'utf8')).toBe(
      `[profile snowball-0a1b2c3d]\nregion = snow\nendpoint_url = ${access.endpoint}\nca_bundle = ${certificatePath}\n\n# the next one is mine\n[profile mine]\nregion = eu-west-1\n`,
    );
    await expect(
      call('writeAwsProfile', { ...request, certificatePath: manifest, replace: true }),
    ).rejects.toMatchObject({ code: 'CERTIFICATE_MISMATCH' });
  });

  it('runs these commands only with the Snowball Edge client, never the legacy one', async () => {
    const launcher = new SnowballClientLauncher({
      env: fake.env(),
      privateRoot: path.join(root, 'legacy-homes'),
    });
    const legacy = await vouch(launcher, fake.legacy);
    await expect(
      launcher.openSession({ code, manifestPath: manifest, hosts: [HOST], client: legacy, jobId: null }),
    ).rejects.toMatchObject({ code: 'CLIENT_INVALID' });
  });
});
