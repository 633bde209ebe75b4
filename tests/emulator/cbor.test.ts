import { DescribeJobCommand } from '@aws-sdk/client-snowball';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { cborCall, cborCodec, jsonCall, must, signedFetch, snowball } from './helpers';

let emu: Emulator;

beforeAll(async () => {
  emu = await start({ seed: 'cbor' });
});
afterAll(async () => {
  await emu.stop();
});

/** Finds `0xc1` (tag 1) followed by a float64 or uint: how RPC v2 CBOR encodes a timestamp. */
function hasEpochTag(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0xc1 && (bytes[i + 1] === 0xfb || bytes[i + 1] === 0x1a)) return true;
  }
  return false;
}

describe('Smithy RPC v2 CBOR', () => {
  it('answers ListJobs in CBOR with tag-1 timestamps', async () => {
    const res = await cborCall(emu, 'ListJobs', { MaxResults: 3 }, 'eu-west-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
    expect(res.headers.get('content-type')).toBe('application/cbor');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hasEpochTag(res.body)).toBe(true);
    const entries = res.decoded.JobListEntries as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(e.CreationDate).toBeInstanceOf(Date);
      expect(e.JobId).toMatch(/^JID/);
    }
    expect(typeof res.decoded.NextToken).toBe('string');
    const next = await cborCall(
      emu,
      'ListJobs',
      { MaxResults: 3, NextToken: res.decoded.NextToken },
      'eu-west-1',
    );
    expect((next.decoded.JobListEntries as unknown[]).length).toBeGreaterThan(0);
    expect(next.decoded.NextToken).toBeUndefined();
  });

  it('describes a job exactly as the JSON protocol does', async () => {
    const jobId = must(emu.demo.jobs.dublinShares);
    const viaCbor = await cborCall(emu, 'DescribeJob', { JobId: jobId }, 'eu-west-1');
    const viaJson = await snowball(emu, 'eu-west-1').send(new DescribeJobCommand({ JobId: jobId }));
    const meta = viaCbor.decoded.JobMetadata as Record<string, unknown>;
    expect(meta.JobId).toBe(jobId);
    expect(meta.JobState).toBe(viaJson.JobMetadata?.JobState);
    expect((meta.CreationDate as Date).getTime()).toBe(viaJson.JobMetadata?.CreationDate?.getTime());
    expect(meta.ShippingDetails).toEqual(viaJson.JobMetadata?.ShippingDetails);
    expect(meta.Resources).toEqual(viaJson.JobMetadata?.Resources);
  });

  it('accepts an empty body and a namespace-qualified service name', async () => {
    const res = await signedFetch(emu, {
      path: '/service/com.amazonaws.snowball.AWSIESnowballJobManagementService/operation/GetSnowballUsage',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', accept: 'application/cbor' },
      body: new Uint8Array(0),
      region: 'us-east-1',
    });
    expect(res.status).toBe(200);
    const decoded = cborCodec.decode(res.body) as Record<string, unknown>;
    expect(decoded.SnowballLimit).toBe(25);
    expect(typeof decoded.SnowballsInUse).toBe('number');
  });

  it('shapes modeled errors with __type as an absolute shape id and no X-Amzn-Errortype', async () => {
    const res = await cborCall(emu, 'GetJobManifest', { JobId: must(emu.demo.jobs.posLogs) }, 'eu-west-1');
    expect(res.status).toBe(400);
    expect(res.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
    expect(res.headers.get('x-amzn-errortype')).toBeNull();
    expect(res.decoded).toEqual({
      __type: 'com.amazonaws.snowball#InvalidJobStateException',
      Message: `The manifest is available only while the job is in the WithCustomer state. Job ${emu.demo.jobs.posLogs} is in the InTransitToAWS state.`,
    });
    const missing = await cborCall(emu, 'DescribeJob', { JobId: 'JID00000000-0000-0000-0000-000000000000' });
    expect(missing.decoded).toMatchObject({
      __type: 'com.amazonaws.snowball#InvalidResourceException',
      ResourceType: 'JOB',
    });
  });

  it('shapes validation, throttling and auth errors with their framework shape ids', async () => {
    const invalid = await cborCall(emu, 'ListJobs', { MaxResults: 500 });
    expect(invalid.status).toBe(400);
    expect(invalid.decoded.__type).toBe('com.amazon.coral.validate#ValidationException');
    expect(invalid.decoded.message).toContain("at 'maxResults' failed to satisfy constraint");
    emu.addFault('ListClusters:throttle:1');
    const throttled = await cborCall(emu, 'ListClusters', {});
    expect(throttled.status).toBe(400);
    expect(throttled.decoded).toEqual({
      __type: 'com.amazon.coral.service#ThrottlingException',
      message: 'Rate exceeded',
    });
    const body = cborCodec.encode({});
    const badSig = await signedFetch(emu, {
      path: '/service/AWSIESnowballJobManagementService/operation/ListJobs',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' },
      body,
      region: 'us-west-2',
      credentials: { ...DEMO_CREDENTIALS, secretAccessKey: 'wrong' },
    });
    expect(badSig.status).toBe(400);
    const decoded = cborCodec.decode(badSig.body) as Record<string, unknown>;
    expect(decoded.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
  });

  it('routes unknown operations and malformed RPC v2 requests nowhere (404)', async () => {
    const unknown = await cborCall(emu, 'Frobnicate', {});
    expect(unknown.status).toBe(404);
    expect(unknown.decoded).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException' });
    const withTarget = await cborCall(emu, 'ListJobs', {}, 'us-west-2', {
      'x-amz-target': 'AWSIESnowballJobManagementService.ListJobs',
    });
    expect(withTarget.status).toBe(404);
    const res = await signedFetch(emu, {
      path: '/service/AWSIESnowballJobManagementService/operation/ListJobs',
      headers: { 'content-type': 'application/cbor' },
      body: cborCodec.encode({}),
      region: 'us-west-2',
    });
    expect(res.status).toBe(404);
    const otherService = await signedFetch(emu, {
      path: '/service/DynamoDB_20120810/operation/ListJobs',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' },
      body: cborCodec.encode({}),
      region: 'us-west-2',
    });
    expect(otherService.status).toBe(404);
  });

  it('encodes Long members beyond 32 bits as CBOR integers, equal to what JSON gives', async () => {
    const jobId = must(emu.demo.jobs.pacsArchive);
    const res = await signedFetch(emu, {
      path: '/service/AWSIESnowballJobManagementService/operation/DescribeJob',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' },
      body: cborCodec.encode({ JobId: jobId }),
      region: 'us-west-2',
    });
    // cbor-x reads an 8-byte integer (major type 0, 0x1b) as a bigint and a float as a number.
    const progress = (
      cborCodec.decode(res.body) as { JobMetadata: { DataTransferProgress: Record<string, unknown> } }
    ).JobMetadata.DataTransferProgress;
    expect(typeof progress.TotalBytes).toBe('bigint');
    expect(res.body.includes(Buffer.from([0xfb]))).toBe(false);
    const viaJson = await snowball(emu, 'us-west-2').send(new DescribeJobCommand({ JobId: jobId }));
    expect(Number(progress.TotalBytes)).toBe(viaJson.JobMetadata?.DataTransferProgress?.TotalBytes);
    expect(Number(progress.TotalBytes)).toBeGreaterThan(2 ** 32);
  });

  it('reads integers in any width, and answers 2^40 as JSON does (ValidationException)', async () => {
    const path = '/service/AWSIESnowballJobManagementService/operation/ListJobs';
    const headers = { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' };
    // {"MaxResults": 3} with 3 in the 8-byte form (0x1b 00..03).
    const eightByte = Buffer.concat([
      Buffer.from([0xa1, 0x6a]),
      Buffer.from('MaxResults'),
      Buffer.from([0x1b, 0, 0, 0, 0, 0, 0, 0, 3]),
    ]);
    const three = await signedFetch(emu, { path, headers, body: eightByte, region: 'eu-west-1' });
    expect(three.status).toBe(200);
    expect((cborCodec.decode(three.body) as { JobListEntries: unknown[] }).JobListEntries).toHaveLength(3);

    const huge = await cborCall(emu, 'ListJobs', { MaxResults: 2n ** 40n });
    const viaJson = await jsonCall(emu, 'AWSIESnowballJobManagementService.ListJobs', {
      MaxResults: 2 ** 40,
    });
    expect(huge.status).toBe(400);
    expect(viaJson.status).toBe(400);
    expect(huge.decoded).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: viaJson.json.message,
    });
    expect(viaJson.json.message).toBe(
      "1 validation error detected: Value '1099511627776' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('accepts indefinite-length text strings', async () => {
    const jobId = must(emu.demo.jobs.dublinShares);
    // {"JobId": <the id in two chunks>}, the string sent with indefinite length (0x7f … 0xff).
    const chunk = (s: string): Buffer => Buffer.concat([Buffer.from([0x60 + s.length]), Buffer.from(s)]);
    const body = Buffer.concat([
      Buffer.from([0xa1]),
      chunk('JobId'),
      Buffer.from([0x7f]),
      Buffer.concat([Buffer.from([0x78, 20]), Buffer.from(jobId.slice(0, 20))]),
      chunk(jobId.slice(20)),
      Buffer.from([0xff]),
    ]);
    const res = await signedFetch(emu, {
      path: '/service/AWSIESnowballJobManagementService/operation/DescribeJob',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' },
      body,
      region: 'eu-west-1',
    });
    expect(res.status).toBe(200);
    expect((cborCodec.decode(res.body) as { JobMetadata: { JobId: string } }).JobMetadata.JobId).toBe(jobId);
    const junk = await signedFetch(emu, {
      path: '/service/AWSIESnowballJobManagementService/operation/DescribeJob',
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' },
      body: Buffer.from([0xa1, 0x7f, 0x61]),
      region: 'eu-west-1',
    });
    expect(junk.status).toBe(400);
    expect((cborCodec.decode(junk.body) as Record<string, unknown>).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
  });

  it('logs CBOR requests with their protocol', async () => {
    emu.resetRequests();
    await cborCall(emu, 'ListClusters', {}, 'ap-southeast-2');
    expect(emu.requests({ protocol: 'cbor' }).map((r) => [r.operation, r.region, r.status])).toEqual([
      ['ListClusters', 'ap-southeast-2', 200],
    ]);
  });
});
