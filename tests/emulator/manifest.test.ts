import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { GetJobManifestCommand, GetJobUnlockCodeCommand } from '@aws-sdk/client-snowball';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, decodeManifest, encodeManifest, start, verifyUnlockCode } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import {
  manifestStream,
  unlockCodeFromBytes,
  UNLOCK_CODE_PATTERN,
  encodePreamble,
} from '../../emulator/manifest-format';
import { admin, must, snowball } from './helpers';

let emu: Emulator;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  emu = await start({ seed: 'manifest', clock });
});
afterAll(async () => {
  await emu.stop();
});

async function manifestUrl(key = 'warehouse3', region = 'us-east-1'): Promise<string> {
  const res = await snowball(emu, region).send(
    new GetJobManifestCommand({ JobId: must(emu.demo.jobs[key]) }),
  );
  return must(res.ManifestURI);
}

function xmlField(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
}

describe('presigned manifest URL', () => {
  it('downloads the manifest, which binds the job unlock code', async () => {
    const jobId = must(emu.demo.jobs.warehouse3);
    const res = await fetch(await manifestUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBe(48 * 1024);

    const secrets = await emu.jobSecrets(jobId);
    const viaAdmin = await admin(emu, 'GET', `/jobs/${jobId}/secrets`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(sha).toBe(secrets.manifestSha256);
    expect(viaAdmin.json.manifestSha256).toBe(sha);
    expect(viaAdmin.json.unlockCode).toBe(secrets.unlockCode);

    const code = must(
      (await snowball(emu, 'us-east-1').send(new GetJobUnlockCodeCommand({ JobId: jobId }))).UnlockCode,
    );
    expect(verifyUnlockCode(bytes, code)).toBe(true);
    const otherCode = (await emu.jobSecrets(must(emu.demo.jobs.remoteMineSite))).unlockCode;
    expect(otherCode).not.toBe(code);
    expect(verifyUnlockCode(bytes, otherCode)).toBe(false);
    expect(verifyUnlockCode(bytes, code.toUpperCase())).toBe(false);
    const header = decodeManifest(bytes).header;
    expect(header).toMatchObject({ jobId, snowballType: 'EDGE', region: 'us-east-1' });
  });

  it('refuses a HEAD request carrying a GET signature, as S3 does', async () => {
    const url = await manifestUrl();
    const res = await fetch(url.toString(), { method: 'HEAD' });
    // The URL was signed for GET: S3 refuses another method's signature.
    expect(res.status).toBe(403);
  });

  it('is refused with AccessDenied "Request has expired" once the emulator clock passes the hour', async () => {
    const url = await manifestUrl();
    expect((await fetch(url)).status).toBe(200);
    clock.advance(3600 * 1000 + 1000);
    try {
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/xml');
      const xml = await res.text();
      expect(
        xml.startsWith(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message>',
        ),
      ).toBe(true);
      expect(xmlField(xml, 'X-Amz-Expires')).toBe('3600');
      const signedAt = new URL(url).searchParams.get('X-Amz-Date') ?? '';
      const expires = must(xmlField(xml, 'Expires'));
      expect(
        Date.parse(expires) -
          Date.parse(
            `${signedAt.slice(0, 4)}-${signedAt.slice(4, 6)}-${signedAt.slice(6, 8)}T${signedAt.slice(9, 11)}:${signedAt.slice(11, 13)}:${signedAt.slice(13, 15)}Z`,
          ),
      ).toBe(3600 * 1000);
      expect(Date.parse(must(xmlField(xml, 'ServerTime')))).toBe(Math.floor(clock.now() / 1000) * 1000);
      expect(xmlField(xml, 'RequestId')).toMatch(/^[0-9A-F]{16}$/);
      expect(xmlField(xml, 'HostId')).toBeTruthy();
    } finally {
      clock.advance(-(3600 * 1000 + 1000));
    }
  });

  it('refuses a one-character change to the signature or a signed query value with SignatureDoesNotMatch', async () => {
    const url = new URL(await manifestUrl());
    const flip = (s: string, i: number): string =>
      `${s.slice(0, i)}${s[i] === '0' ? '1' : '0'}${s.slice(i + 1)}`;
    const sig = must(url.searchParams.get('X-Amz-Signature'));
    const date = must(url.searchParams.get('X-Amz-Date'));
    const variants: Array<[string, string]> = [
      ['X-Amz-Signature', flip(sig, 10)],
      ['X-Amz-Expires', '3601'],
      ['X-Amz-Date', `${date.slice(0, 14)}${date[14] === '0' ? '1' : '0'}Z`],
      ['X-Amz-SignedHeaders', 'hosT'],
      ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAE'],
    ];
    for (const [name, value] of variants) {
      const tampered = new URL(url);
      tampered.searchParams.set(name, value);
      const res = await fetch(tampered);
      const xml = await res.text();
      expect([name, res.status, xmlField(xml, 'Code')]).toEqual([name, 403, 'SignatureDoesNotMatch']);
      expect(xmlField(xml, 'Message')).toBe(
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
      expect(xmlField(xml, 'AWSAccessKeyId')).toBe('AKIAEMULATORS3SIGNER');
      expect(xmlField(xml, 'StringToSign')?.startsWith('AWS4-HMAC-SHA256\n')).toBe(true);
      expect(xmlField(xml, 'CanonicalRequest')?.startsWith(`GET\n${url.pathname}\n`)).toBe(true);
      expect(xmlField(xml, 'SignatureProvided')).toBe(tampered.searchParams.get('X-Amz-Signature'));
      expect(xmlField(xml, 'StringToSignBytes')).toMatch(/^41 57 53 34 /);
    }
    // Another job's key under the same signature.
    const other = new URL(url);
    other.pathname = other.pathname.replace(/JID[0-9a-f]/, (m) => `JID${m.endsWith('0') ? '1' : '0'}`);
    const res = await fetch(other);
    expect(res.status).toBe(403);
    expect(xmlField(await res.text(), 'Code')).toBe('SignatureDoesNotMatch');
  });

  it('answers other tampering the way S3 does', async () => {
    const url = new URL(await manifestUrl());
    const cred = must(url.searchParams.get('X-Amz-Credential'));
    const check = async (
      mutate: (u: URL) => void,
      status: number,
      code: string,
      message?: string | RegExp,
    ): Promise<void> => {
      const u = new URL(url);
      mutate(u);
      const res = await fetch(u);
      const xml = await res.text();
      expect([res.status, xmlField(xml, 'Code')]).toEqual([status, code]);
      if (typeof message === 'string') expect(xmlField(xml, 'Message')).toBe(message);
      else if (message) expect(xmlField(xml, 'Message')).toMatch(message);
    };
    await check(
      (u) =>
        u.searchParams.set('X-Amz-Credential', cred.replace('AKIAEMULATORS3SIGNER', 'AKIAEMULATORS3SIGNES')),
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
    await check(
      (u) => u.searchParams.set('X-Amz-Credential', cred.replace('us-east-1', 'us-east-2')),
      400,
      'AuthorizationQueryParametersError',
      /the region 'us-east-2' is wrong; expecting 'us-east-1'/,
    );
    await check(
      (u) => u.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA512'),
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
    );
    await check(
      (u) => u.searchParams.set('X-Amz-Expires', '604801'),
      400,
      'AuthorizationQueryParametersError',
    );
    await check((u) => u.searchParams.delete('X-Amz-Signature'), 400, 'AuthorizationQueryParametersError');
    await check((u) => (u.search = ''), 403, 'AccessDenied', 'Access Denied');
    await check((u) => (u.pathname = '/no-such-bucket/x'), 404, 'NoSuchBucket');
  });
});

describe('manifest format', () => {
  const spec = {
    header: {
      jobId: 'JID11111111-2222-3333-4444-555555555555',
      snowballType: 'EDGE',
      region: 'us-west-2',
      createdAt: '2025-01-01T00:00:00.000Z',
    },
    unlockCode: 'abcde-12345-fghij-67890-klmno',
    salt: Buffer.alloc(16, 7),
    payloadKey: Buffer.alloc(32, 9),
    totalBytes: 4096,
    iterations: 1000,
  };

  it('encodes a blob of the requested size whose stream form is identical', async () => {
    const bytes = encodeManifest(spec);
    expect(bytes.length).toBe(4096);
    expect(bytes.subarray(0, 4).toString()).toBe('SBMF');
    const chunks: Buffer[] = [];
    for await (const c of manifestStream(encodePreamble(spec), spec.payloadKey)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(decodeManifest(bytes)).toMatchObject({
      version: 1,
      header: spec.header,
      iterations: 1000,
      payloadLength: 4096 - decodeManifest(bytes).preambleLength,
    });
  });

  it('verifies only the right code, and never throws on junk', () => {
    const bytes = encodeManifest(spec);
    expect(verifyUnlockCode(bytes, spec.unlockCode)).toBe(true);
    expect(verifyUnlockCode(bytes, 'abcde-12345-fghij-67890-klmnp')).toBe(false);
    expect(verifyUnlockCode(Buffer.from('not a manifest'), spec.unlockCode)).toBe(false);
    expect(verifyUnlockCode(bytes.subarray(0, 40), spec.unlockCode)).toBe(false);
    // A flipped verifier byte breaks the binding.
    const tampered = Buffer.from(bytes);
    const at = decodeManifest(bytes).preambleLength - 9;
    tampered[at] = (tampered[at] ?? 0) ^ 1;
    expect(verifyUnlockCode(tampered, spec.unlockCode)).toBe(false);
  });

  it('makes unlock codes in the 5x5 format', () => {
    const code = unlockCodeFromBytes(createHash('sha256').update('x').digest());
    expect(code).toMatch(UNLOCK_CODE_PATTERN);
    expect(code).toHaveLength(29);
  });
});

describe('large manifests', () => {
  // Memory stays flat while it streams: that is a figure, measured by the benchmarks (bench/), not a test.
  it('serves a 50 MB manifest whole, with the digest the admin reports', async () => {
    const big = await start({ seed: 'manifest-50mb', manifestBytes: 50 * 1024 * 1024 });
    try {
      const jobId = must(big.demo.jobs.warehouse3);
      const url = new URL(
        must(
          (await snowball(big, 'us-east-1').send(new GetJobManifestCommand({ JobId: jobId }))).ManifestURI,
        ),
      );
      const hash = createHash('sha256');
      const { length, status, declared } = await new Promise<{
        length: number;
        status: number;
        declared: string;
      }>((resolve, reject) => {
        const req = httpRequest(url, (res) => {
          let n = 0;
          res.on('data', (chunk: Buffer) => {
            n += chunk.length;
            hash.update(chunk);
          });
          res.on('end', () =>
            resolve({
              length: n,
              status: res.statusCode ?? 0,
              declared: String(res.headers['content-length']),
            }),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(declared).toBe(String(50 * 1024 * 1024));
      expect(length).toBe(50 * 1024 * 1024);
      expect(hash.digest('hex')).toBe((await big.jobSecrets(jobId)).manifestSha256);
    } finally {
      await big.stop();
    }
  });
});
