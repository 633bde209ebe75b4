/**
 * Every operation of the Snowball model, called three ways: with the real `@aws-sdk/client-snowball`
 * (AWS JSON 1.1), as raw AWS JSON 1.1 and as RPC v2 CBOR; each raw answer is checked against the model's
 * output shape with ajv.
 */
import * as Snowball from '@aws-sdk/client-snowball';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { SNOWBALL_MODEL } from '../../emulator/schema/model';
import { cborCall, jsonCall, must, snowball } from './helpers';
import { asJsonWire, outputProblems } from './model-schema';

const REGION = 'us-west-2';
let emu: Emulator;
let client: Snowball.SnowballClient;

type Input = Record<string, unknown>;
type Command = Parameters<Snowball.SnowballClient['send']>[0];

async function send(operation: string, input: Input): Promise<Record<string, unknown>> {
  const Cmd = (Snowball as unknown as Record<string, new (input: Input) => Command>)[`${operation}Command`];
  if (!Cmd) throw new Error(`the SDK has no ${operation}Command`);
  return (await client.send(new Cmd(input))) as unknown as Record<string, unknown>;
}

const ADDRESS = {
  Name: 'Jordan Lee',
  Company: 'Example Freight',
  Street1: '500 Harbor Blvd',
  City: 'Long Beach',
  StateOrProvince: 'CA',
  Country: 'US',
  PostalCode: '90802',
  PhoneNumber: '+1 562-555-0199',
};
const ROLE = `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/SnowballImportRole`;
let addressId = '';
let ltpId = '';

const newJob = async (): Promise<string> =>
  String(
    (
      await send('CreateJob', {
        JobType: 'IMPORT',
        SnowballType: 'EDGE',
        AddressId: addressId,
        ShippingOption: 'SECOND_DAY',
        RoleARN: ROLE,
        Resources: { S3Resources: [{ BucketArn: 'arn:aws:s3:::example-import-bucket' }] },
        Description: 'Every-operation test job',
      })
    ).JobId,
  );

const newCluster = async (): Promise<string> =>
  String(
    (
      await send('CreateCluster', {
        JobType: 'LOCAL_USE',
        SnowballType: 'EDGE',
        AddressId: addressId,
        ShippingOption: 'SECOND_DAY',
        Description: 'Every-operation test cluster',
      })
    ).ClusterId,
  );

async function jobWithCustomer(): Promise<string> {
  const jobId = await newJob();
  emu.setJobState(jobId, 'WithCustomer');
  return jobId;
}

/** A fresh input for each call: operations that change state get a resource of their own. */
const INPUTS: Record<string, () => Promise<Input>> = {
  CancelCluster: async () => ({ ClusterId: await newCluster() }),
  CancelJob: async () => ({ JobId: await newJob() }),
  CreateAddress: async () => ({ Address: ADDRESS }),
  CreateCluster: async () => ({
    JobType: 'LOCAL_USE',
    SnowballType: 'EDGE',
    AddressId: addressId,
    ShippingOption: 'NEXT_DAY',
    InitialClusterSize: 3,
  }),
  CreateJob: async () => ({
    JobType: 'LOCAL_USE',
    SnowballType: 'V3_5C',
    AddressId: addressId,
    ShippingOption: 'SECOND_DAY',
    LongTermPricingId: ltpId,
  }),
  CreateLongTermPricing: async () => ({ LongTermPricingType: 'OneYear', SnowballType: 'EDGE_C' }),
  CreateReturnShippingLabel: async () => ({ JobId: await jobWithCustomer() }),
  DescribeAddress: async () => ({ AddressId: addressId }),
  DescribeAddresses: async () => ({ MaxResults: 10 }),
  DescribeCluster: async () => ({ ClusterId: emu.demo.clusterId }),
  DescribeJob: async () => ({ JobId: must(emu.demo.jobs.pacsArchive) }),
  DescribeReturnShippingLabel: async () => {
    const jobId = await jobWithCustomer();
    await send('CreateReturnShippingLabel', { JobId: jobId });
    return { JobId: jobId };
  },
  GetJobManifest: async () => ({ JobId: must(emu.demo.jobs.warehouse3) }),
  GetJobUnlockCode: async () => ({ JobId: must(emu.demo.jobs.warehouse3) }),
  GetSnowballUsage: async () => ({}),
  GetSoftwareUpdates: async () => ({ JobId: must(emu.demo.jobs.seismicSurvey) }),
  ListClusterJobs: async () => ({ ClusterId: emu.demo.clusterId, MaxResults: 2 }),
  ListClusters: async () => ({}),
  ListCompatibleImages: async () => ({}),
  ListJobs: async () => ({ MaxResults: 5 }),
  ListLongTermPricing: async () => ({}),
  ListPickupLocations: async () => ({}),
  ListServiceVersions: async () => ({
    ServiceName: 'EKS_ANYWHERE',
    DependentServices: [{ ServiceName: 'KUBERNETES', ServiceVersion: { Version: '1.28' } }],
  }),
  UpdateCluster: async () => ({ ClusterId: await newCluster(), Description: 'Renamed cluster' }),
  UpdateJob: async () => ({ JobId: await newJob(), ShippingOption: 'NEXT_DAY', Description: 'Renamed job' }),
  UpdateJobShipmentState: async () => {
    const jobId = await newJob();
    emu.setJobState(jobId, 'InTransitToCustomer');
    return { JobId: jobId, ShipmentState: 'RECEIVED' };
  },
  UpdateLongTermPricing: async () => ({ LongTermPricingId: ltpId, IsLongTermPricingAutoRenew: true }),
};

beforeAll(async () => {
  emu = await start({ seed: 'every-operation' });
  client = snowball(emu, REGION);
  addressId = String((await send('CreateAddress', { Address: ADDRESS })).AddressId);
  ltpId = String(
    (await send('CreateLongTermPricing', { LongTermPricingType: 'ThreeYear', SnowballType: 'V3_5C' }))
      .LongTermPricingId,
  );
});
afterAll(async () => {
  await emu.stop();
});

describe('every Snowball operation', () => {
  it('covers the 27 operations of the model', () => {
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(SNOWBALL_MODEL.operations).sort());
    expect(Object.keys(INPUTS)).toHaveLength(27);
  });

  for (const operation of Object.keys(INPUTS).sort()) {
    it(`${operation}: the SDK, AWS JSON 1.1 and RPC v2 CBOR, answers that fit the model`, async () => {
      const make = must(INPUTS[operation]);
      const sdk = await send(operation, await make());
      expect(sdk.$metadata).toMatchObject({ httpStatusCode: 200 });

      const json = await jsonCall(
        emu,
        `AWSIESnowballJobManagementService.${operation}`,
        await make(),
        REGION,
      );
      expect(json.status, JSON.stringify(json.json)).toBe(200);
      expect(outputProblems(operation, json.json)).toBe('');

      const cbor = await cborCall(emu, operation, await make(), REGION);
      expect(cbor.status, JSON.stringify(asJsonWire(cbor.decoded))).toBe(200);
      expect(cbor.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
      expect(outputProblems(operation, asJsonWire(cbor.decoded))).toBe('');
      // Both protocols describe the same structure (values of freshly created resources differ).
      expect(Object.keys(asJsonWire(cbor.decoded) as object).sort()).toEqual(Object.keys(json.json).sort());
    });
  }
});
