import {
  CancelClusterCommand,
  CancelJobCommand,
  CreateAddressCommand,
  CreateClusterCommand,
  CreateJobCommand,
  CreateLongTermPricingCommand,
  DescribeAddressCommand,
  DescribeClusterCommand,
  DescribeJobCommand,
  GetJobManifestCommand,
  GetJobUnlockCodeCommand,
  ListLongTermPricingCommand,
  ListServiceVersionsCommand,
  UpdateClusterCommand,
  UpdateJobCommand,
  UpdateJobShipmentStateCommand,
  UpdateLongTermPricingCommand,
  paginateDescribeAddresses,
  paginateListCompatibleImages,
  paginateListJobs,
  paginateListLongTermPricing,
  paginateListPickupLocations,
} from '@aws-sdk/client-snowball';
import type { CreateClusterCommandInput, CreateJobCommandInput } from '@aws-sdk/client-snowball';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ACCOUNT_ID,
  ManualClock,
  UNLOCK_CODE_PATTERN,
  start,
  verifyUnlockCode,
} from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { DAY, HOUR, admin, must, rejectionOf, snowball } from './helpers';

let emu: Emulator;
let clock: ManualClock;
const REGION = 'us-east-1';
const ROLE = `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/SnowballImportRole`;
const ADDRESS = {
  Name: 'Sam Ortiz',
  Street1: '1 Dock Road',
  City: 'Newark',
  StateOrProvince: 'NJ',
  Country: 'USA',
  PostalCode: '07114',
  PhoneNumber: '973-555-0144',
};
let addressId = '';
const client = () => snowball(emu, REGION);

function importJob(extra: Partial<CreateJobCommandInput> = {}): CreateJobCommandInput {
  return {
    JobType: 'IMPORT',
    SnowballType: 'EDGE',
    AddressId: addressId,
    ShippingOption: 'NEXT_DAY',
    RoleARN: ROLE,
    Resources: { S3Resources: [{ BucketArn: 'arn:aws:s3:::orders-test-bucket' }] },
    Description: 'Orders test import',
    ...extra,
  };
}

function clusterOrder(extra: Partial<CreateClusterCommandInput> = {}): CreateClusterCommand {
  return new CreateClusterCommand({
    JobType: 'LOCAL_USE',
    SnowballType: 'EDGE',
    AddressId: addressId,
    ShippingOption: 'SECOND_DAY',
    ...extra,
  });
}

async function state(jobId: string): Promise<string | undefined> {
  return (await client().send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata?.JobState;
}

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  emu = await start({ seed: 'orders', clock });
  addressId = must((await client().send(new CreateAddressCommand({ Address: ADDRESS }))).AddressId);
});
afterAll(async () => {
  await emu.stop();
});

describe('addresses', () => {
  it('validates an address when it is created, and stores it normalised', async () => {
    const described = await client().send(new DescribeAddressCommand({ AddressId: addressId }));
    expect(described.Address).toMatchObject({ Country: 'US', StateOrProvince: 'NJ', Type: 'AWS_SHIP' });
    for (const [change, message] of [
      [{ PostalCode: '7114' }, /PostalCode '7114' is not a postal code of US/],
      [{ StateOrProvince: 'XX' }, /two-letter code of a US state/],
      [{ PhoneNumber: '555' }, /7 to 15 digits/],
      [{ City: ' ' }, /City is missing/],
    ] as const) {
      const err = await rejectionOf(
        client().send(new CreateAddressCommand({ Address: { ...ADDRESS, ...change } })),
      );
      expect(err.name).toBe('InvalidAddressException');
      expect(err.message).toMatch(message);
    }
    const abroad = await rejectionOf(
      client().send(
        new CreateAddressCommand({
          Address: { ...ADDRESS, Country: 'IE', PostalCode: 'D02 X576', StateOrProvince: 'Dublin' },
        }),
      ),
    );
    expect(abroad.name).toBe('UnsupportedAddressException');
    // The same Irish address is fine where devices ship to Ireland.
    const dublin = await snowball(emu, 'eu-west-1').send(
      new CreateAddressCommand({
        Address: { ...ADDRESS, Country: 'IE', PostalCode: 'D02 X576', StateOrProvince: 'Dublin' },
      }),
    );
    expect(dublin.AddressId).toMatch(/^ADID[0-9a-f-]{36}$/);
  });

  it('lists the US view in any US region, page by page, and pickup locations apart', async () => {
    const west = snowball(emu, 'us-west-2');
    const ids: string[] = [];
    for await (const page of paginateDescribeAddresses({ client: west, pageSize: 1 }, {})) {
      ids.push(...(page.Addresses ?? []).map((a) => must(a.AddressId)));
    }
    expect(ids).toContain(addressId);
    expect(new Set(ids).size).toBe(ids.length);
    const pickups: string[] = [];
    for await (const page of paginateListPickupLocations({ client: west, pageSize: 1 }, {})) {
      pickups.push(...(page.Addresses ?? []).map((a) => `${a.Type} ${a.City}`));
    }
    expect(pickups).toEqual(['CUST_PICKUP Ashburn', 'CUST_PICKUP Hillsboro']);
    expect(ids.some((id) => pickups.includes(id))).toBe(false);
  });
});

describe('jobs created through the API', () => {
  it('move through their states on the emulator clock and are received like the seeded ones', async () => {
    const jobId = must((await client().send(new CreateJobCommand(importJob()))).JobId);
    expect(jobId).toMatch(/^JID[0-9a-f-]{36}$/);
    expect(await state(jobId)).toBe('New');
    const listed: string[] = [];
    for await (const page of paginateListJobs({ client: snowball(emu, 'us-east-2'), pageSize: 10 }, {})) {
      listed.push(...(page.JobListEntries ?? []).map((e) => must(e.JobId)));
    }
    expect(listed[0]).toBe(jobId); // newest first, in the shared US view
    expect((await rejectionOf(client().send(new GetJobManifestCommand({ JobId: jobId })))).name).toBe(
      'InvalidJobStateException',
    );

    // The admin route moves the clock; New (1 h) → PreparingAppliance (1 d) → PreparingShipment (1 d).
    await admin(emu, 'POST', '/clock', { advanceMs: HOUR + 1000 });
    expect(await state(jobId)).toBe('PreparingAppliance');
    await admin(emu, 'POST', '/clock', { advanceMs: 2 * DAY });
    expect(await state(jobId)).toBe('InTransitToCustomer');
    const meta = (await client().send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata;
    expect(meta?.ShippingDetails?.OutboundShipment?.Status).toBe('InTransit');
    // NEXT_DAY: delivered a day later.
    await admin(emu, 'POST', '/clock', { advanceMs: DAY });
    expect(await state(jobId)).toBe('WithCustomer');
    await admin(emu, 'POST', '/clock', { advanceMs: 30 * DAY });
    expect(await state(jobId)).toBe('WithCustomer'); // stays until it is sent back

    const url = must((await client().send(new GetJobManifestCommand({ JobId: jobId }))).ManifestURI);
    const manifest = Buffer.from(await (await fetch(url)).arrayBuffer());
    const code = must((await client().send(new GetJobUnlockCodeCommand({ JobId: jobId }))).UnlockCode);
    expect(code).toMatch(UNLOCK_CODE_PATTERN);
    expect(verifyUnlockCode(manifest, code)).toBe(true);

    await client().send(new UpdateJobShipmentStateCommand({ JobId: jobId, ShipmentState: 'RETURNED' }));
    expect(await state(jobId)).toBe('InTransitToAWS');
    await admin(emu, 'POST', '/clock', { advanceMs: DAY + 1000 });
    expect(await state(jobId)).toBe('WithAWSSortingFacility');
    await admin(emu, 'POST', '/clock', { advanceMs: 3 * DAY });
    expect(await state(jobId)).toBe('Complete');
  });

  it('are updated and cancelled only while New', async () => {
    const jobId = must((await client().send(new CreateJobCommand(importJob()))).JobId);
    await client().send(
      new UpdateJobCommand({ JobId: jobId, Description: 'Renamed', SnowballCapacityPreference: 'T98' }),
    );
    const meta = must((await client().send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata);
    expect(meta).toMatchObject({ Description: 'Renamed', SnowballCapacityPreference: 'T98' });
    const later = must((await client().send(new CreateJobCommand(importJob()))).JobId);
    clock.advance(HOUR + 1000);
    for (const attempt of [
      () => client().send(new UpdateJobCommand({ JobId: later, Description: 'Too late' })),
      () => client().send(new CancelJobCommand({ JobId: later })),
    ]) {
      const err = await rejectionOf(attempt());
      expect(err.name).toBe('InvalidJobStateException');
      expect(err.message).toContain('in the PreparingAppliance state');
    }
    const fresh = must((await client().send(new CreateJobCommand(importJob()))).JobId);
    await client().send(new CancelJobCommand({ JobId: fresh }));
    expect(await state(fresh)).toBe('Cancelled');
    clock.advance(5 * DAY);
    expect(await state(fresh)).toBe('Cancelled');
  });

  it('refuse what the API reference rules out, each with its modeled error', async () => {
    const cases: Array<[Partial<CreateJobCommandInput>, string, RegExp]> = [
      [
        { SnowballCapacityPreference: 'T14' },
        'InvalidInputCombinationException',
        /T14 is not offered for SnowballType EDGE/,
      ],
      [{ SnowballType: 'STANDARD' }, 'InvalidInputCombinationException', /STANDARD is available only in/],
      [{ Resources: { S3Resources: [] } }, 'InvalidInputCombinationException', /at least one S3 bucket/],
      [{ RoleARN: undefined }, 'InvalidInputCombinationException', /needs a RoleARN/],
      [{ AddressId: 'ADID00000000-0000-0000-0000-000000000000' }, 'InvalidResourceException', /address ID/],
      [
        { KmsKeyARN: `arn:aws:kms:eu-west-1:${DEMO_ACCOUNT_ID}:key/00000000-0000-0000-0000-000000000000` },
        'KMSRequestFailedException',
        /cannot be used for a job in us-east-1/,
      ],
      [
        {
          Resources: {
            S3Resources: [{ BucketArn: 'arn:aws:s3:::b' }],
            Ec2AmiResources: [{ AmiId: 'ami-0123456789abcdef0' }],
          },
        },
        'Ec2RequestFailedException',
        /not an image of this account/,
      ],
      [
        { DeviceConfiguration: { SnowconeDeviceConfiguration: {} } },
        'InvalidInputCombinationException',
        /Snowcone devices only/,
      ],
    ];
    for (const [change, name, message] of cases) {
      const err = await rejectionOf(client().send(new CreateJobCommand(importJob(change))));
      expect([JSON.stringify(change), err.name]).toEqual([JSON.stringify(change), name]);
      expect(err.message).toMatch(message);
    }
    const none = await rejectionOf(client().send(new CreateJobCommand({ Description: 'nothing else' })));
    expect(none.message).toBe(
      'A job that is not a cluster node needs JobType, SnowballType, AddressId and ShippingOption; missing: JobType, SnowballType, AddressId, ShippingOption.',
    );
  });

  it('take compatible AMIs, listed page by page with their regional ids', async () => {
    const images: string[] = [];
    for await (const page of paginateListCompatibleImages({ client: client(), pageSize: 2 }, {})) {
      images.push(...(page.CompatibleImages ?? []).map((i) => must(i.AmiId)));
    }
    expect(images).toHaveLength(3);
    const jobId = must(
      (
        await client().send(
          new CreateJobCommand(
            importJob({
              JobType: 'LOCAL_USE',
              SnowballType: 'EDGE_C',
              Resources: { Ec2AmiResources: [{ AmiId: must(images[0]) }] },
            }),
          ),
        )
      ).JobId,
    );
    const meta = (await client().send(new DescribeJobCommand({ JobId: jobId }))).JobMetadata;
    expect(meta?.Resources?.Ec2AmiResources).toEqual([{ AmiId: images[0], SnowballAmiId: `s.${images[0]}` }]);
  });

  it('export jobs: the master lists, then its part carries the device', async () => {
    const masterId = must(
      (
        await client().send(
          new CreateJobCommand(importJob({ JobType: 'EXPORT', Description: 'Export test' })),
        )
      ).JobId,
    );
    expect(masterId).toMatch(/^MID/);
    clock.advance(HOUR + 1000);
    expect(await state(masterId)).toBe('Listing');
    clock.advance(DAY);
    const described = await client().send(new DescribeJobCommand({ JobId: masterId }));
    expect(described.JobMetadata?.JobState).toBe('InProgress');
    const part = must(described.SubJobMetadata?.[0]);
    expect(part.JobId).toMatch(/^JID/);
    expect(part.JobState).toBe('PreparingAppliance');
  });
});

describe('clusters', () => {
  it('wait for quorum, refuse a sixth node, and can be cancelled or updated only while AwaitingQuorum', async () => {
    const clusterId = must((await client().send(clusterOrder({ Description: 'Quorum test' }))).ClusterId);
    const cluster = async () =>
      (await client().send(new DescribeClusterCommand({ ClusterId: clusterId }))).ClusterMetadata;
    await client().send(
      new UpdateClusterCommand({ ClusterId: clusterId, Description: 'Quorum test (renamed)' }),
    );
    expect((await cluster())?.Description).toBe('Quorum test (renamed)');
    const nodes: string[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await cluster())?.ClusterState).toBe('AwaitingQuorum');
      nodes.push(must((await client().send(new CreateJobCommand({ ClusterId: clusterId }))).JobId));
    }
    expect((await cluster())?.ClusterState).toBe('Pending');
    const sixth = await rejectionOf(client().send(new CreateJobCommand({ ClusterId: clusterId })));
    expect(sixth.name).toBe('ClusterLimitExceededException');
    for (const attempt of [
      () => client().send(new CancelClusterCommand({ ClusterId: clusterId })),
      () => client().send(new UpdateClusterCommand({ ClusterId: clusterId, Description: 'late' })),
    ]) {
      expect((await rejectionOf(attempt())).name).toBe('InvalidJobStateException');
    }
    clock.advance(3 * DAY + 2 * HOUR + 1000);
    expect(await state(must(nodes[0]))).toBe('InTransitToCustomer');
    clock.advance(2 * DAY);
    expect((await cluster())?.ClusterState).toBe('InUse');

    const other = must((await client().send(clusterOrder({ InitialClusterSize: 3 }))).ClusterId);
    const limit = await rejectionOf(client().send(new CreateJobCommand({ ClusterId: other })));
    expect(limit.name).toBe('ClusterLimitExceededException'); // three of three: quorum reached at once
    const small = await rejectionOf(client().send(clusterOrder({ InitialClusterSize: 2 })));
    expect(small.message).toMatch(/under-provisioned.*ForceCreateJobs/);
    const importCluster = await rejectionOf(client().send(clusterOrder({ JobType: 'IMPORT' })));
    expect(importCluster.name).toBe('InvalidInputCombinationException');

    const doomed = must((await client().send(clusterOrder())).ClusterId);
    const node = must((await client().send(new CreateJobCommand({ ClusterId: doomed }))).JobId);
    expect((await rejectionOf(client().send(new CancelJobCommand({ JobId: node })))).message).toMatch(
      /CancelCluster/,
    );
    await client().send(new CancelClusterCommand({ ClusterId: doomed }));
    expect(await state(node)).toBe('Cancelled');
  });
});

describe('long-term pricing', () => {
  it('is offered per device type and term, listed page by page, and follows its jobs', async () => {
    const refused = await rejectionOf(
      client().send(
        new CreateLongTermPricingCommand({ LongTermPricingType: 'OneYear', SnowballType: 'SNC1_HDD' }),
      ),
    );
    expect(refused.name).toBe('InvalidResourceException');
    expect(refused.message).toBe('Long-term pricing is not offered for SnowballType SNC1_HDD.');
    const month = await rejectionOf(
      client().send(
        new CreateLongTermPricingCommand({ LongTermPricingType: 'OneMonth', SnowballType: 'EDGE' }),
      ),
    );
    expect(month.message).toMatch(/choose OneYear, ThreeYear/);
    const id = must(
      (
        await client().send(
          new CreateLongTermPricingCommand({ LongTermPricingType: 'OneYear', SnowballType: 'EDGE' }),
        )
      ).LongTermPricingId,
    );
    const jobId = must(
      (await client().send(new CreateJobCommand(importJob({ LongTermPricingId: id })))).JobId,
    );
    const wrongType = await rejectionOf(
      client().send(new CreateJobCommand(importJob({ SnowballType: 'EDGE_S', LongTermPricingId: id }))),
    );
    expect(wrongType.name).toBe('InvalidInputCombinationException');
    await client().send(
      new UpdateLongTermPricingCommand({
        LongTermPricingId: id,
        IsLongTermPricingAutoRenew: true,
        ReplacementJob: jobId,
      }),
    );
    const entries = [];
    for await (const page of paginateListLongTermPricing({ client: client(), pageSize: 1 }, {})) {
      entries.push(...(page.LongTermPricingEntries ?? []));
    }
    const mine = must(entries.find((e) => e.LongTermPricingId === id));
    expect(mine).toMatchObject({
      LongTermPricingType: 'OneYear',
      SnowballType: 'EDGE',
      IsLongTermPricingAutoRenew: true,
      ReplacementJob: jobId,
      CurrentActiveJob: jobId,
      JobIds: [jobId],
      LongTermPricingStatus: 'ACTIVE',
    });
    const start = must(mine.LongTermPricingStartDate).getTime();
    expect(must(mine.LongTermPricingEndDate).getTime() - start).toBeGreaterThanOrEqual(365 * DAY);
    // The seeded long-term job's pricing is listed too.
    const seeded = must(
      (await client().send(new DescribeJobCommand({ JobId: must(emu.demo.jobs.remoteMineSite) })))
        .JobMetadata,
    );
    expect(entries.map((e) => e.LongTermPricingId)).toContain(seeded.LongTermPricingId);
    expect((await client().send(new ListLongTermPricingCommand({}))).LongTermPricingEntries?.length).toBe(
      entries.length,
    );
  });
});

describe('service versions', () => {
  it('lists versions, narrowed by a dependent service, and refuses an unknown dependency', async () => {
    const all = await client().send(new ListServiceVersionsCommand({ ServiceName: 'KUBERNETES' }));
    expect(all.ServiceVersions?.map((v) => v.Version)).toEqual(['1.29', '1.28', '1.27']);
    const forEks = await client().send(
      new ListServiceVersionsCommand({
        ServiceName: 'KUBERNETES',
        DependentServices: [{ ServiceName: 'EKS_ANYWHERE', ServiceVersion: { Version: '0.18.7' } }],
      }),
    );
    expect(forEks.ServiceVersions?.map((v) => v.Version)).toEqual(['1.28', '1.27']);
    expect(forEks.DependentServices?.[0]?.ServiceVersion?.Version).toBe('0.18.7');
    const paged = await client().send(
      new ListServiceVersionsCommand({ ServiceName: 'KUBERNETES', MaxResults: 1 }),
    );
    expect(paged.ServiceVersions).toHaveLength(1);
    const next = await client().send(
      new ListServiceVersionsCommand({
        ServiceName: 'KUBERNETES',
        MaxResults: 1,
        NextToken: paged.NextToken,
      }),
    );
    expect(next.ServiceVersions?.map((v) => v.Version)).toEqual(['1.28']);
    const bad = await rejectionOf(
      client().send(
        new ListServiceVersionsCommand({
          ServiceName: 'KUBERNETES',
          DependentServices: [{ ServiceName: 'EKS_ANYWHERE', ServiceVersion: { Version: '9.9' } }],
        }),
      ),
    );
    expect(bad.name).toBe('InvalidResourceException');
  });
});
