import { ListJobsCommand } from '@aws-sdk/client-snowball';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, DEMO_SESSION_CREDENTIALS, ManualClock, start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { must, rejectionOf, signedFetch, snowball, sts } from './helpers';

const WRONG_SECRET = { ...DEMO_CREDENTIALS, secretAccessKey: 'EMULATOR/wrong+secret/NOT+A+REAL+KEY/000' };
const UNKNOWN_KEY = {
  accessKeyId: 'AKIAEMULATORUNKNOWN9',
  secretAccessKey: DEMO_CREDENTIALS.secretAccessKey,
};
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const STALE =
  /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/;

let emu: Emulator;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  emu = await start({ seed: 'auth', clock });
});
afterAll(async () => {
  await emu.stop();
});

describe('SigV4 on the Snowball API', () => {
  it('accepts the demo keys and the demo session credentials', async () => {
    const res = await snowball(emu, 'us-west-2').send(new ListJobsCommand({ MaxResults: 1 }));
    expect(res.JobListEntries).toHaveLength(1);
    const session = await snowball(emu, 'us-west-2', { credentials: DEMO_SESSION_CREDENTIALS }).send(
      new ListJobsCommand({ MaxResults: 1 }),
    );
    expect(session.JobListEntries?.[0]?.JobId).toBe(res.JobListEntries?.[0]?.JobId);
  });

  it('refuses a wrong secret key with InvalidSignatureException quoting the canonical request', async () => {
    const err = await rejectionOf(
      snowball(emu, 'us-west-2', { credentials: WRONG_SECRET }).send(new ListJobsCommand({})),
    );
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message.startsWith(MISMATCH)).toBe(true);
    expect(err.message).toContain("The Canonical String for this request should have been\n'POST\n/\n");
    expect(err.message).toContain("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n");
    expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const err = await rejectionOf(
      snowball(emu, 'us-west-2', { credentials: UNKNOWN_KEY }).send(new ListJobsCommand({})),
    );
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.message).toBe('The security token included in the request is invalid.');
  });

  it('refuses session credentials with a wrong or missing token', async () => {
    const wrongToken = {
      ...DEMO_SESSION_CREDENTIALS,
      sessionToken: `${DEMO_SESSION_CREDENTIALS.sessionToken}x`,
    };
    const err = await rejectionOf(
      snowball(emu, 'us-west-2', { credentials: wrongToken }).send(new ListJobsCommand({})),
    );
    expect(err.name).toBe('UnrecognizedClientException');
    const { sessionToken: _t, ...noToken } = DEMO_SESSION_CREDENTIALS;
    const err2 = await rejectionOf(
      snowball(emu, 'us-west-2', { credentials: noToken }).send(new ListJobsCommand({})),
    );
    expect(err2.name).toBe('UnrecognizedClientException');
  });

  it('refuses a request dated more than 15 minutes from the emulator clock', async () => {
    const past = await rejectionOf(
      snowball(emu, 'us-west-2', { systemClockOffset: -20 * 60 * 1000, maxAttempts: 1 }).send(
        new ListJobsCommand({}),
      ),
    );
    expect(past.name).toBe('InvalidSignatureException');
    expect(past.message).toMatch(STALE);
    const future = await rejectionOf(
      snowball(emu, 'us-west-2', { systemClockOffset: 20 * 60 * 1000, maxAttempts: 1 }).send(
        new ListJobsCommand({}),
      ),
    );
    expect(future.message).toMatch(
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    );
  });

  it('lets the SDK correct its clock from the Date header after the emulator clock jumps an hour', async () => {
    clock.advance(60 * 60 * 1000);
    try {
      emu.resetRequests();
      const client = snowball(emu, 'us-west-2');
      const res = await client.send(new ListJobsCommand({ MaxResults: 1 }));
      expect(res.$metadata.attempts).toBe(2);
      const log = emu.requests({ operation: 'ListJobs' });
      expect(log.map((r) => [r.status, r.errorCode])).toEqual([
        [400, 'InvalidSignatureException'],
        [200, undefined],
      ]);
      // The correction sticks for the client's next calls.
      const again = await client.send(new ListJobsCommand({ MaxResults: 1 }));
      expect(again.$metadata.attempts).toBe(1);
    } finally {
      clock.advance(-60 * 60 * 1000);
    }
  });

  it('refuses missing auth, the wrong service, an invalid region and a tampered body', async () => {
    const url = new URL(emu.url);
    const bare = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSIESnowballJobManagementService.ListJobs',
        host: url.host,
      },
      body: '{}',
    });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });

    const base = {
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSIESnowballJobManagementService.ListJobs',
      },
      body: Buffer.from('{}'),
    };
    const wrongService = await signedFetch(emu, { ...base, region: 'us-west-2', service: 'sts' });
    expect(JSON.parse(wrongService.body.toString())).toEqual({
      __type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'snowball'. ",
    });
    const badRegion = await signedFetch(emu, { ...base, region: 'moon-east-1' });
    expect(JSON.parse(badRegion.body.toString()).message).toBe(
      'Credential should be scoped to a valid region. ',
    );

    // Signed for one body, sent with another.
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { HttpRequest } = await import('@smithy/protocol-http');
    const signed = await new SignatureV4({
      service: 'snowball',
      region: 'us-west-2',
      credentials: DEMO_CREDENTIALS,
      sha256: Sha256,
    }).sign(
      new HttpRequest({
        method: 'POST',
        hostname: url.hostname,
        path: '/',
        headers: { host: url.host, ...base.headers },
        body: '{"MaxResults":1}',
      }),
    );
    const headers = { ...(signed.headers as Record<string, string>) };
    delete headers.host;
    const tampered = await fetch(emu.url, { method: 'POST', headers, body: '{"MaxResults":2}' });
    const body = (await tampered.json()) as { __type: string; message: string };
    expect(body.__type).toBe('InvalidSignatureException');
    expect(body.message.startsWith(MISMATCH)).toBe(true);
  });

  it('refuses an Authorization header without its parts with IncompleteSignatureException', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAEMULATORDEMO0001/20250101/us-west-2/snowball/aws4_request',
        'x-amz-target': 'AWSIESnowballJobManagementService.ListJobs',
      },
      body: '{}',
    });
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe('IncompleteSignatureException');
    expect(body.message).toContain("Authorization header requires 'Signature' parameter.");
    expect(body.message).toContain(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });
});

describe('SigV4 on STS (query protocol errors)', () => {
  it('answers SignatureDoesNotMatch, InvalidClientTokenId and expired signatures with 403 XML', async () => {
    const wrong = await rejectionOf(
      sts(emu, 'us-east-1', WRONG_SECRET).send(new GetCallerIdentityCommand({})),
    );
    expect(wrong.name).toBe('SignatureDoesNotMatch');
    expect(wrong.message.startsWith(MISMATCH)).toBe(true);
    expect((wrong as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
    const unknown = await rejectionOf(
      sts(emu, 'us-east-1', UNKNOWN_KEY).send(new GetCallerIdentityCommand({})),
    );
    expect(unknown.name).toBe('InvalidClientTokenId');
    expect(unknown.message).toBe('The security token included in the request is invalid.');
    const stale = await signedFetch(emu, {
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
      region: 'us-east-1',
      service: 'sts',
      signingDate: new Date(clock.now() - 16 * 60 * 1000),
    });
    expect(stale.status).toBe(403);
    const xml = stale.body.toString();
    expect(xml).toContain('<Type>Sender</Type>');
    expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(must(/<Message>(.*)<\/Message>/.exec(xml))[1]).toMatch(STALE);
    const snowballScoped = await signedFetch(emu, {
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
      region: 'us-east-1',
      service: 'snowball',
    });
    expect(snowballScoped.body.toString()).toContain(
      "<Message>Credential should be scoped to correct service: 'sts'. </Message>",
    );
    const bare = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
