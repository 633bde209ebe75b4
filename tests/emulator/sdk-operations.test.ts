import {
  ConflictException,
  CreateReturnShippingLabelCommand,
  DescribeAddressCommand,
  DescribeClusterCommand,
  DescribeJobCommand,
  DescribeReturnShippingLabelCommand,
  GetJobManifestCommand,
  GetJobUnlockCodeCommand,
  GetSnowballUsageCommand,
  GetSoftwareUpdatesCommand,
  InvalidInputCombinationException,
  InvalidJobStateException,
  InvalidNextTokenException,
  InvalidResourceException,
  ListClusterJobsCommand,
  ListClustersCommand,
  ListJobsCommand,
  ReturnShippingLabelAlreadyExistsException,
  UpdateJobShipmentStateCommand,
} from '@aws-sdk/client-snowball';
import type { JobListEntry } from '@aws-sdk/client-snowball';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ACCOUNT_ID,
  DEMO_SESSION_CREDENTIALS,
  DEMO_USER_ARN,
  ManualClock,
  UNLOCK_CODE_PATTERN,
  start,
} from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { DAY, jsonCall, must, rejectionOf, snowball, sts } from './helpers';

const JOB_ID = /^(M|J)ID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_JOB = 'JID00000000-0000-0000-0000-000000000000';

let emu: Emulator;
const id = (key: string): string => must(emu.demo.jobs[key], key);

async function allJobs(region: string): Promise<JobListEntry[]> {
  const client = snowball(emu, region);
  const out: JobListEntry[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListJobsCommand({ MaxResults: 100, NextToken: token }));
    out.push(...(page.JobListEntries ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

beforeAll(async () => {
  emu = await start({ seed: 'sdk-operations' });
});
afterAll(async () => {
  await emu.stop();
});

describe('ListJobs', () => {
  it('returns modeled JobListEntry objects, including the export master', async () => {
    const res = await snowball(emu, 'us-west-2').send(new ListJobsCommand({ MaxResults: 100 }));
    const entries = must(res.JobListEntries);
    expect(res.NextToken).toBeUndefined();
    for (const e of entries) {
      expect(e.JobId).toMatch(JOB_ID);
      expect(e.CreationDate).toBeInstanceOf(Date);
      expect(typeof e.IsMaster).toBe('boolean');
      expect(e.Description).toBeTruthy();
    }
    const master = must(entries.find((e) => e.JobId === emu.demo.exportMasterJobId));
    expect(master).toMatchObject({ IsMaster: true, JobType: 'EXPORT', SnowballType: 'EDGE' });
    expect(master.JobId?.startsWith('MID')).toBe(true);
    const w3 = must(entries.find((e) => e.JobId === id('warehouse3')));
    expect(w3).toMatchObject({
      JobState: 'WithCustomer',
      JobType: 'IMPORT',
      SnowballType: 'EDGE',
      Description: 'Warehouse 3 camera archive',
    });
    // Newest first.
    const times = entries.map((e) => must(e.CreationDate).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('rejects MaxResults above 100 with ValidationException', async () => {
    const err = await rejectionOf(snowball(emu, 'us-west-2').send(new ListJobsCommand({ MaxResults: 101 })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('rejects an altered, a foreign-region and a foreign-operation NextToken', async () => {
    const us = snowball(emu, 'us-west-2');
    const first = await us.send(new ListJobsCommand({ MaxResults: 2 }));
    const token = must(first.NextToken);
    const altered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}${token.slice(-1)}`;
    const eu = await snowball(emu, 'eu-west-1').send(new ListJobsCommand({ MaxResults: 1 }));
    const clusters = await snowball(emu, 'us-west-2').send(
      new ListClusterJobsCommand({ ClusterId: emu.demo.clusterId, MaxResults: 1 }),
    );
    for (const bad of [altered, 'not-a-token', must(eu.NextToken), must(clusters.NextToken)]) {
      const err = await rejectionOf(us.send(new ListJobsCommand({ NextToken: bad })));
      expect(err).toBeInstanceOf(InvalidNextTokenException);
      expect(err.message).toMatch(/^The NextToken string was altered unexpectedly/);
    }
  });
});

describe('DescribeJob', () => {
  it('describes a job with its resources, shipping and ARNs', async () => {
    const res = await snowball(emu, 'us-east-1').send(new DescribeJobCommand({ JobId: id('warehouse3') }));
    const m = must(res.JobMetadata);
    expect(res.SubJobMetadata).toBeUndefined();
    expect(m).toMatchObject({
      JobId: id('warehouse3'),
      JobState: 'WithCustomer',
      JobType: 'IMPORT',
      SnowballType: 'EDGE',
      Description: 'Warehouse 3 camera archive',
      SnowballCapacityPreference: 'T80',
      RoleARN: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/SnowballImportRole`,
      Resources: { S3Resources: [{ BucketArn: 'arn:aws:s3:::acme-warehouse3-camera-archive' }] },
    });
    expect(m.KmsKeyARN).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${DEMO_ACCOUNT_ID}:key/[0-9a-f-]{36}$`));
    expect(m.AddressId).toMatch(/^ADID[0-9a-f-]{36}$/);
    expect(m.ShippingDetails?.ShippingOption).toBe('SECOND_DAY');
    expect(m.ShippingDetails?.OutboundShipment?.Status).toBe('Delivered');
    expect(m.ShippingDetails?.OutboundShipment?.TrackingNumber).toMatch(/^1Z[0-9A-F]{6}03\d{8}$/);
    expect(m.ShippingDetails?.InboundShipment).toBeUndefined();
    const ageDays = (emu.now() - must(m.CreationDate).getTime()) / DAY;
    expect(ageDays).toBeGreaterThan(12);
    expect(ageDays).toBeLessThan(14);
  });

  it('describes an export master with SubJobMetadata for its parts', async () => {
    const res = await snowball(emu, 'us-west-2').send(
      new DescribeJobCommand({ JobId: emu.demo.exportMasterJobId }),
    );
    expect(res.JobMetadata?.JobType).toBe('EXPORT');
    expect(res.JobMetadata?.ShippingDetails?.OutboundShipment).toBeUndefined();
    const parts = must(res.SubJobMetadata);
    expect(parts.map((p) => p.JobId)).toEqual(emu.demo.exportPartJobIds);
    expect(parts.map((p) => p.JobState)).toEqual([
      'WithCustomer',
      'InTransitToCustomer',
      'PreparingShipment',
    ]);
    expect(parts[0]?.Resources?.S3Resources?.[0]?.KeyRange).toEqual({ EndMarker: 'dailies/2021/' });
    expect(parts[1]?.ShippingDetails?.OutboundShipment?.Status).toBe('InTransit');
  });

  it('answers InvalidResourceException for an unknown job and ValidationException for a malformed id', async () => {
    const client = snowball(emu, 'us-west-2');
    const missing = await rejectionOf(client.send(new DescribeJobCommand({ JobId: UNKNOWN_JOB })));
    expect(missing).toBeInstanceOf(InvalidResourceException);
    expect(missing.message).toBe(`The specified job ID ${UNKNOWN_JOB} does not exist.`);
    expect((missing as unknown as InvalidResourceException).ResourceType).toBe('JOB');
    const bad = await rejectionOf(client.send(new DescribeJobCommand({ JobId: 'JID-nope' })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toContain(
      "Value 'JID-nope' at 'jobId' failed to satisfy constraint: Member must satisfy regular expression pattern: (M|J)ID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    );
    const none = await rejectionOf(client.send(new DescribeJobCommand({} as { JobId: string })));
    expect(none.message).toBe(
      "1 validation error detected: Value null at 'jobId' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('GetJobManifest and GetJobUnlockCode', () => {
  it('give a presigned manifest URL and a 5x5 unlock code for a WithCustomer job', async () => {
    const client = snowball(emu, 'us-east-1');
    const m = await client.send(new GetJobManifestCommand({ JobId: id('warehouse3') }));
    const url = new URL(must(m.ManifestURI));
    expect(url.origin).toBe(emu.url);
    expect(url.pathname).toBe(`/awsie-snowball-manifests-us-east-1/${id('warehouse3')}_manifest.bin`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIA[A-Z0-9]{16}\/\d{8}\/us-east-1\/s3\/aws4_request$/,
    );
    const u = await client.send(new GetJobUnlockCodeCommand({ JobId: id('warehouse3') }));
    expect(u.UnlockCode).toMatch(UNLOCK_CODE_PATTERN);
    expect(u.UnlockCode).toHaveLength(29);
    expect(u.UnlockCode).toBe((await emu.jobSecrets(id('warehouse3'))).unlockCode);
  });

  it('refuse a job that is not WithCustomer, an export master, an expired job and an unknown job', async () => {
    const client = snowball(emu, 'us-west-2');
    for (const Command of [GetJobManifestCommand, GetJobUnlockCodeCommand]) {
      const what = Command === GetJobManifestCommand ? 'manifest' : 'unlock code';
      const notYet = await rejectionOf(client.send(new Command({ JobId: id('fleetLogs') })));
      expect(notYet).toBeInstanceOf(InvalidJobStateException);
      expect(notYet.message).toBe(
        `The ${what} is available only while the job is in the WithCustomer state. Job ${id('fleetLogs')} is in the WithAWSSortingFacility state.`,
      );
      const master = await rejectionOf(client.send(new Command({ JobId: emu.demo.exportMasterJobId })));
      expect(master).toBeInstanceOf(InvalidJobStateException);
      expect(master.message).toContain('master entry of an export job');
      const expired = await rejectionOf(client.send(new Command({ JobId: emu.demo.expiredJobId })));
      expect(expired).toBeInstanceOf(InvalidJobStateException);
      expect(expired.message).toMatch(
        /^The credentials of job JID\S+ expired on \d{4}-\d\d-\d\dT.*, 360 days after the job was created\.$/,
      );
      const unknown = await rejectionOf(client.send(new Command({ JobId: UNKNOWN_JOB })));
      expect(unknown).toBeInstanceOf(InvalidResourceException);
    }
  });

  it('serve the job whose credentials expire within 7 days until they do', async () => {
    const clock = new ManualClock(Date.now());
    const own = await start({ seed: 'sdk-operations', clock });
    try {
      const client = snowball(own, 'us-east-1');
      const jobId = own.demo.expiringSoonJobId;
      const created = must(
        (await client.send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata?.CreationDate,
      ).getTime();
      const expiresIn = created + 360 * DAY - clock.now();
      expect(expiresIn).toBeGreaterThan(0);
      expect(expiresIn).toBeLessThan(7 * DAY);
      expect((await client.send(new GetJobUnlockCodeCommand({ JobId: jobId }))).UnlockCode).toMatch(
        UNLOCK_CODE_PATTERN,
      );
      clock.advance(7 * DAY);
      // The SDK notices the emulator's Date header and corrects its own clock, then gets the modeled refusal.
      const err = await rejectionOf(client.send(new GetJobManifestCommand({ JobId: jobId })));
      expect(err).toBeInstanceOf(InvalidJobStateException);
      expect(err.message).toContain('360 days after the job was created');
    } finally {
      await own.stop();
    }
  });
});

describe('UpdateJobShipmentState', () => {
  it('moves InTransitToCustomer -> WithCustomer on RECEIVED, then WithCustomer -> InTransitToAWS on RETURNED', async () => {
    const client = snowball(emu, 'us-east-1');
    const jobId = id('genomicsLab');
    const state = async (): Promise<string | undefined> =>
      (await client.send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata?.JobState;
    expect(await state()).toBe('InTransitToCustomer');
    await rejectionOf(client.send(new GetJobManifestCommand({ JobId: jobId })));
    await client.send(new UpdateJobShipmentStateCommand({ JobId: jobId, ShipmentState: 'RECEIVED' }));
    expect(await state()).toBe('WithCustomer');
    // Once the device is received the manifest is available, and a repeated RECEIVED is harmless.
    expect((await client.send(new GetJobManifestCommand({ JobId: jobId }))).ManifestURI).toContain(jobId);
    await client.send(new UpdateJobShipmentStateCommand({ JobId: jobId, ShipmentState: 'RECEIVED' }));
    await client.send(new UpdateJobShipmentStateCommand({ JobId: jobId, ShipmentState: 'RETURNED' }));
    expect(await state()).toBe('InTransitToAWS');
    const described = await client.send(new DescribeJobCommand({ JobId: jobId }));
    expect(described.JobMetadata?.ShippingDetails?.InboundShipment?.Status).toBe('InTransit');
    const again = await rejectionOf(
      client.send(new UpdateJobShipmentStateCommand({ JobId: jobId, ShipmentState: 'RECEIVED' })),
    );
    expect(again).toBeInstanceOf(InvalidJobStateException);
    expect(again.message).toBe(`Job ${jobId} is in the InTransitToAWS state and cannot be marked RECEIVED.`);
  });

  it('validates the enum and the job', async () => {
    const client = snowball(emu, 'us-east-1');
    const bad = await rejectionOf(
      client.send(
        new UpdateJobShipmentStateCommand({ JobId: id('warehouse3'), ShipmentState: 'LOST' as 'RECEIVED' }),
      ),
    );
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toContain(
      "Value 'LOST' at 'shipmentState' failed to satisfy constraint: Member must satisfy enum value set: [RECEIVED, RETURNED]",
    );
    const unknown = await rejectionOf(
      client.send(new UpdateJobShipmentStateCommand({ JobId: UNKNOWN_JOB, ShipmentState: 'RECEIVED' })),
    );
    expect(unknown).toBeInstanceOf(InvalidResourceException);
    const master = await rejectionOf(
      client.send(
        new UpdateJobShipmentStateCommand({ JobId: emu.demo.exportMasterJobId, ShipmentState: 'RECEIVED' }),
      ),
    );
    expect(master).toBeInstanceOf(InvalidJobStateException);
  });
});

describe('return shipping labels', () => {
  it('goes InProgress -> Succeeded over Describe calls, with a label URL served by the emulator', async () => {
    const client = snowball(emu, 'eu-west-1');
    const jobId = id('dublinShares');
    const none = await rejectionOf(client.send(new DescribeReturnShippingLabelCommand({ JobId: jobId })));
    expect(none).toBeInstanceOf(InvalidResourceException);
    expect(
      (await client.send(new CreateReturnShippingLabelCommand({ JobId: jobId, ShippingOption: 'NEXT_DAY' })))
        .Status,
    ).toBe('InProgress');
    const conflict = await rejectionOf(client.send(new CreateReturnShippingLabelCommand({ JobId: jobId })));
    expect(conflict).toBeInstanceOf(ConflictException);
    expect((conflict as unknown as ConflictException).ConflictResource).toBe(jobId);
    expect((await client.send(new DescribeReturnShippingLabelCommand({ JobId: jobId }))).Status).toBe(
      'InProgress',
    );
    expect((await client.send(new DescribeReturnShippingLabelCommand({ JobId: jobId }))).Status).toBe(
      'InProgress',
    );
    const done = await client.send(new DescribeReturnShippingLabelCommand({ JobId: jobId }));
    expect(done.Status).toBe('Succeeded');
    expect(must(done.ExpirationDate).getTime()).toBeGreaterThan(emu.now());
    const label = await fetch(must(done.ReturnShippingLabelURI));
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await label.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const exists = await rejectionOf(client.send(new CreateReturnShippingLabelCommand({ JobId: jobId })));
    expect(exists).toBeInstanceOf(ReturnShippingLabelAlreadyExistsException);
  });

  it('turns Succeeded after 30 s of emulator time', async () => {
    const client = snowball(emu, 'ap-southeast-2');
    const jobId = id('pilbaraDrone');
    await client.send(new CreateReturnShippingLabelCommand({ JobId: jobId }));
    emu.advanceClock(31_000);
    try {
      expect((await client.send(new DescribeReturnShippingLabelCommand({ JobId: jobId }))).Status).toBe(
        'Succeeded',
      );
    } finally {
      emu.advanceClock(-31_000);
    }
  });

  it('refuses devices it cannot label and jobs in the wrong state', async () => {
    const client = snowball(emu, 'us-east-1');
    const legacy = await rejectionOf(
      client.send(new CreateReturnShippingLabelCommand({ JobId: id('legacyNas') })),
    );
    expect(legacy).toBeInstanceOf(InvalidInputCombinationException);
    expect(legacy.message).toContain('SnowballType STANDARD');
    const master = await rejectionOf(
      client.send(new CreateReturnShippingLabelCommand({ JobId: emu.demo.exportMasterJobId })),
    );
    expect(master).toBeInstanceOf(InvalidInputCombinationException);
    const moving = await rejectionOf(
      client.send(new CreateReturnShippingLabelCommand({ JobId: id('callCenter') })),
    );
    expect(moving).toBeInstanceOf(InvalidJobStateException);
    const describe = await rejectionOf(
      client.send(new DescribeReturnShippingLabelCommand({ JobId: id('callCenter') })),
    );
    expect(describe).toBeInstanceOf(InvalidJobStateException);
    const unknown = await rejectionOf(
      client.send(new CreateReturnShippingLabelCommand({ JobId: UNKNOWN_JOB })),
    );
    expect(unknown).toBeInstanceOf(InvalidResourceException);
  });
});

describe('GetSoftwareUpdates', () => {
  it('returns a download URL valid for two days', async () => {
    const client = snowball(emu, 'us-west-2');
    const res = await client.send(new GetSoftwareUpdatesCommand({ JobId: id('seismicSurvey') }));
    const url = new URL(must(res.UpdatesURI));
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(2 * 24 * 3600));
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const wrong = await rejectionOf(
      client.send(new GetSoftwareUpdatesCommand({ JobId: id('satelliteBackfill') })),
    );
    expect(wrong).toBeInstanceOf(InvalidJobStateException);
    const unknown = await rejectionOf(client.send(new GetSoftwareUpdatesCommand({ JobId: UNKNOWN_JOB })));
    expect(unknown).toBeInstanceOf(InvalidResourceException);
  });
});

describe('clusters', () => {
  it('lists the five-node cluster in the US view and describes it consistently', async () => {
    const client = snowball(emu, 'us-east-1');
    const list = await client.send(new ListClustersCommand({}));
    expect(list.ClusterListEntries).toHaveLength(1);
    expect(list.ClusterListEntries?.[0]).toMatchObject({
      ClusterId: emu.demo.clusterId,
      ClusterState: 'InUse',
    });
    expect(list.ClusterListEntries?.[0]?.ClusterId).toMatch(/^CID[0-9a-f]{8}-/);
    const d = await client.send(new DescribeClusterCommand({ ClusterId: emu.demo.clusterId }));
    expect(d.ClusterMetadata).toMatchObject({
      ClusterId: emu.demo.clusterId,
      ClusterState: 'InUse',
      JobType: 'LOCAL_USE',
      SnowballType: 'EDGE',
      Description: 'Film studio render cluster, Stage 4',
      ShippingOption: 'SECOND_DAY',
    });
    const ids: string[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListClusterJobsCommand({ ClusterId: emu.demo.clusterId, MaxResults: 2, NextToken: token }),
      );
      pages++;
      for (const e of page.JobListEntries ?? []) {
        expect(e.JobState).toBe('WithCustomer');
        expect(e.SnowballType).toBe('EDGE');
        ids.push(must(e.JobId));
      }
      token = page.NextToken;
    } while (token);
    expect(pages).toBe(3);
    expect(ids).toEqual(emu.demo.clusterJobIds);
    for (const jobId of ids) {
      const job = await client.send(new DescribeJobCommand({ JobId: jobId }));
      expect(job.JobMetadata?.ClusterId).toBe(emu.demo.clusterId);
    }
  });

  it('keeps clusters out of other regions and refuses bad ids and tokens', async () => {
    const eu = snowball(emu, 'eu-west-1');
    expect((await eu.send(new ListClustersCommand({}))).ClusterListEntries).toEqual([]);
    const hidden = await rejectionOf(eu.send(new DescribeClusterCommand({ ClusterId: emu.demo.clusterId })));
    expect(hidden).toBeInstanceOf(InvalidResourceException);
    expect(hidden.message).toBe(`The specified cluster ID ${emu.demo.clusterId} does not exist.`);
    const jobs = await rejectionOf(eu.send(new ListClusterJobsCommand({ ClusterId: emu.demo.clusterId })));
    expect(jobs).toBeInstanceOf(InvalidResourceException);
    const us = snowball(emu, 'us-west-2');
    const token = await rejectionOf(
      us.send(new ListClusterJobsCommand({ ClusterId: emu.demo.clusterId, NextToken: 'x.y' })),
    );
    expect(token).toBeInstanceOf(InvalidNextTokenException);
    const listToken = await rejectionOf(us.send(new ListClustersCommand({ NextToken: 'x.y' })));
    expect(listToken).toBeInstanceOf(InvalidNextTokenException);
    const bad = await rejectionOf(us.send(new DescribeClusterCommand({ ClusterId: 'CID123' })));
    expect(bad.name).toBe('ValidationException');
  });
});

describe('GetSnowballUsage and DescribeAddress', () => {
  it('counts the devices out of AWS in the caller view', async () => {
    const jobs = await allJobs('us-west-1');
    const expected = jobs.filter(
      (j) =>
        !j.IsMaster && ['InTransitToCustomer', 'WithCustomer', 'InTransitToAWS'].includes(must(j.JobState)),
    ).length;
    const usage = await snowball(emu, 'us-west-1').send(new GetSnowballUsageCommand({}));
    expect(usage.SnowballsInUse).toBe(expected);
    expect(expected).toBeGreaterThan(5);
    expect(usage.SnowballLimit).toBe(25);
  });

  it('describes the shipping address of a job', async () => {
    const client = snowball(emu, 'us-east-1');
    const job = await client.send(new DescribeJobCommand({ JobId: id('warehouse3') }));
    const res = await client.send(
      new DescribeAddressCommand({ AddressId: must(job.JobMetadata?.AddressId) }),
    );
    expect(res.Address).toMatchObject({
      City: 'Baltimore',
      StateOrProvince: 'MD',
      Country: 'US',
      Company: 'Acme Logistics Inc.',
    });
    const err = await rejectionOf(
      client.send(new DescribeAddressCommand({ AddressId: 'ADID00000000-0000-0000-0000-000000000000' })),
    );
    expect(err).toBeInstanceOf(InvalidResourceException);
  });
});

describe('sts:GetCallerIdentity', () => {
  it('names the demo user, and the assumed role for session credentials', async () => {
    const me = await sts(emu).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: DEMO_ACCOUNT_ID,
      Arn: DEMO_USER_ARN,
      UserId: 'AIDAEMULATORDEMOUSER1',
    });
    const session = await sts(emu, 'eu-west-1', DEMO_SESSION_CREDENTIALS).send(
      new GetCallerIdentityCommand({}),
    );
    expect(session.Arn).toBe(`arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/SnowballOperator/demo-session`);
    expect(session.UserId).toBe('AROAEMULATORDEMOROLE1:demo-session');
    const gov = await sts(emu, 'us-gov-west-1').send(new GetCallerIdentityCommand({}));
    expect(gov.Arn).toBe(`arn:aws-us-gov:iam::${DEMO_ACCOUNT_ID}:user/snowball-demo`);
  });

  it('answers with the XML STS uses', async () => {
    const { signedFetch } = await import('./helpers');
    const res = await signedFetch(emu, {
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
      region: 'us-east-1',
      service: 'sts',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const xml = res.body.toString();
    expect(xml).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/,
    );
    expect(xml).toContain(`<GetCallerIdentityResult>\n    <Arn>${DEMO_USER_ARN}</Arn>`);
    expect(xml).toContain(`<Account>${DEMO_ACCOUNT_ID}</Account>`);
    expect(xml).toContain(`<RequestId>${res.headers.get('x-amzn-requestid')}</RequestId>`);
    const other = await signedFetch(emu, {
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=AssumeRole&Version=2011-06-15'),
      region: 'us-east-1',
      service: 'sts',
    });
    expect(other.status).toBe(400);
    expect(other.body.toString()).toContain('<Code>InvalidAction</Code>');
  });
});

describe('AWS JSON 1.1 wire details', () => {
  it('sends epoch-second timestamps, request ids, a Date header and X-Amzn-Errortype', async () => {
    const ok = await jsonCall(
      emu,
      'AWSIESnowballJobManagementService.DescribeJob',
      { JobId: id('warehouse3') },
      'us-east-1',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(must(ok.headers.get('date'))) - emu.now())).toBeLessThan(2000);
    const meta = ok.json.JobMetadata as Record<string, unknown>;
    expect(typeof meta.CreationDate).toBe('number');
    expect(meta.CreationDate as number).toBeLessThan(emu.now() / 1000);
    const err = await jsonCall(
      emu,
      'AWSIESnowballJobManagementService.DescribeJob',
      { JobId: UNKNOWN_JOB },
      'us-east-1',
    );
    expect(err.status).toBe(400);
    expect(err.headers.get('x-amzn-errortype')).toBe('InvalidResourceException');
    expect(err.json).toEqual({
      __type: 'InvalidResourceException',
      Message: `The specified job ID ${UNKNOWN_JOB} does not exist.`,
      ResourceType: 'JOB',
    });
  });

  it('answers UnknownOperationException for unknown targets', async () => {
    const unknown = await jsonCall(emu, 'AWSIESnowballJobManagementService.Frobnicate', {});
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ __type: 'UnknownOperationException' });
    const foreign = await jsonCall(emu, 'DynamoDB_20120810.ListTables', {});
    expect(foreign.json).toEqual({ __type: 'UnknownOperationException' });
    const garbage = await jsonCall(emu, 'AWSIESnowballJobManagementService.ListJobs', '{not json');
    expect(garbage.json.__type).toBe('SerializationException');
    const wrongType = await jsonCall(emu, 'AWSIESnowballJobManagementService.ListJobs', {
      MaxResults: 'ten',
    });
    expect(wrongType.json).toEqual({
      __type: 'SerializationException',
      message: 'STRING_VALUE can not be converted to an Integer',
    });
  });
});
