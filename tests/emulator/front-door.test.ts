import { connect } from 'node:net';
import { GetJobManifestCommand, ListJobsCommand } from '@aws-sdk/client-snowball';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { cborCodec, must, rejectionOf, signedFetch, snowball } from './helpers';

let emu: Emulator;

beforeAll(async () => {
  emu = await start({ seed: 'front-door', bodyTimeoutMs: 300 });
});
afterAll(async () => {
  await emu.stop();
});

const JSON_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'AWSIESnowballJobManagementService.ListJobs',
};
const CBOR_PATH = '/service/AWSIESnowballJobManagementService/operation/ListJobs';
const CBOR_HEADERS = { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor' };

describe('request bodies', () => {
  it('refuses a body over 1 MiB with an error in the protocol of the request, request id and Date', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const viaJson = await signedFetch(emu, {
      path: '/',
      headers: JSON_HEADERS,
      body: big,
      region: 'us-west-2',
    });
    expect(viaJson.status).toBe(413);
    expect(viaJson.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(viaJson.headers.get('date') ?? '')).not.toBeNaN();
    expect(viaJson.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException');
    expect(JSON.parse(viaJson.body.toString())).toEqual({
      __type: 'RequestEntityTooLargeException',
      message: 'The request body is larger than the 1048576 bytes the service accepts.',
    });

    const viaCbor = await signedFetch(emu, {
      path: CBOR_PATH,
      headers: CBOR_HEADERS,
      body: big,
      region: 'us-west-2',
    });
    expect(viaCbor.status).toBe(413);
    expect(viaCbor.headers.get('smithy-protocol')).toBe('rpc-v2-cbor');
    expect(viaCbor.headers.get('content-type')).toBe('application/cbor');
    expect(viaCbor.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(viaCbor.headers.get('date') ?? '')).not.toBeNaN();
    expect(cborCodec.decode(viaCbor.body)).toMatchObject({
      __type: 'com.amazon.coral.service#RequestEntityTooLargeException',
    });
    expect(emu.requests({ operation: 'ListJobs' }).filter((r) => r.status === 413)).toHaveLength(2);
  });

  it('gives up on a body that stops short of its Content-Length (configurable, here 300 ms)', async () => {
    const url = new URL(emu.url);
    const socket = connect(Number(url.port), url.hostname);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.write(
        [
          'POST / HTTP/1.1',
          `Host: ${url.host}`,
          'Content-Type: application/x-amz-json-1.1',
          'X-Amz-Target: AWSIESnowballJobManagementService.ListJobs',
          'Content-Length: 100',
          '',
          '{"MaxRes',
        ].join('\r\n'),
      );
    });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/x-amzn-RequestId: [0-9a-f-]{36}/i);
    expect(answer).toContain('"__type":"RequestTimeoutException"');
  });
});

describe('regions', () => {
  it('serves every region with a Snowball endpoint, and refuses a real region without one as AWS does', async () => {
    expect((await snowball(emu, 'me-central-1').send(new ListJobsCommand({}))).JobListEntries).toEqual([]);
    for (const region of ['me-south-1', 'ap-south-2', 'eu-central-2']) {
      const err = await rejectionOf(snowball(emu, region).send(new ListJobsCommand({})));
      expect(err.name).toBe('InvalidSignatureException');
      expect(err.message).toBe(`Credential should be scoped to a valid region, not '${region}'. `);
    }
    // The same over CBOR.
    const res = await signedFetch(emu, {
      path: CBOR_PATH,
      headers: CBOR_HEADERS,
      body: cborCodec.encode({}),
      region: 'me-south-1',
    });
    expect(cborCodec.decode(res.body)).toEqual({
      __type: 'com.amazon.coral.service#InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'me-south-1'. ",
    });
  });
});

describe('manifest byte ranges', () => {
  async function url(): Promise<string> {
    const res = await snowball(emu, 'us-east-1').send(
      new GetJobManifestCommand({ JobId: must(emu.demo.jobs.warehouse3) }),
    );
    return must(res.ManifestURI);
  }

  it('answers 206 with Content-Range as S3 does, for open, closed and suffix ranges', async () => {
    const whole = Buffer.from(await (await fetch(await url())).arrayBuffer());
    const size = whole.length;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, size - 1],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 10}-${size + 50}`, size - 10, size - 1],
    ] as const) {
      const res = await fetch(await url(), { headers: { Range: range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      const part = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(end - start + 1);
      expect(part.equals(whole.subarray(start, end + 1)), range).toBe(true);
    }
    // Not a single byte range: the whole object, as RFC 9110 lets a server answer.
    expect((await fetch(await url(), { headers: { Range: 'bytes=0-1,5-6' } })).status).toBe(200);
  });

  it('answers 416 InvalidRange when the range starts past the end', async () => {
    const res = await fetch(await url(), { headers: { Range: 'bytes=999999-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${48 * 1024}`);
    const xml = await res.text();
    expect(xml).toContain('<Code>InvalidRange</Code>');
    expect(xml).toContain('<Message>The requested range is not satisfiable</Message>');
    expect(xml).toContain('<RangeRequested>bytes=999999-</RangeRequested>');
    expect(xml).toContain(`<ActualObjectSize>${48 * 1024}</ActualObjectSize>`);
  });
});
