import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyUnlockCode } from '../../emulator';
import { downloadManifest, presignedExpiry } from '../../electron/core/manifest';
import { useEmulator } from '../helpers/emulator';
import { unwritableFolder } from '../../testkit/hostile-folders';
import { tempDir } from '../helpers/temp-dirs';

const ctx = useEmulator();
const root = tempDir('companion-manifest-');
let n = 0;
const folder = () => {
  const dir = path.join(root, `d${n++}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
};
const fast = { attempts: 3, backoffMs: () => 5 };

function readyJob() {
  const jobId = ctx.emulator.demo.withCustomer['us-west-2']![0]!;
  return { jobId, region: 'us-west-2' };
}

beforeEach(() => {
  ctx.emulator.clearFaults();
  ctx.emulator.resetRequests();
});

/** Downloads the ready job's manifest into a fresh folder, noting each progress report. */
async function downloadWithProgress(extra: { attempts?: number; backoffMs?: () => number } = {}) {
  const { emulator, session } = ctx;
  const job = readyJob();
  const dir = folder();
  const progress: number[] = [];
  const result = await downloadManifest(session, job, dir, {
    now: () => emulator.now(),
    onProgress: (received) => progress.push(received),
    ...extra,
  });
  return { emulator, job, dir, progress, result };
}

describe('downloadManifest', () => {
  it('saves the manifest (0600, named after the job) with the SHA-256 the service has', async () => {
    const { emulator, job, dir, progress, result } = await downloadWithProgress();
    const secrets = await emulator.jobSecrets(job.jobId);
    expect(result.path).toBe(path.join(dir, `${job.jobId}_manifest.bin`));
    expect(result.bytes).toBe(secrets.manifestBytes);
    expect(result.sha256).toBe(secrets.manifestSha256);
    const bytes = readFileSync(result.path);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(secrets.manifestSha256);
    expect(verifyUnlockCode(bytes, secrets.unlockCode)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(result.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([`${job.jobId}_manifest.bin`]);
    expect(result.urlsRequested).toBe(1);
    // The URL lives 60 minutes from when AWS issued it.
    expect(result.urlExpiresAt! - emulator.now()).toBeGreaterThan(59 * 60_000);
    expect(result.urlExpiresAt! - emulator.now()).toBeLessThanOrEqual(60 * 60_000);
    expect(progress.at(-1)).toBe(result.bytes);
  });

  it('asks for a fresh URL when the first one expired before the download (clock jumped 61 min)', async () => {
    const { emulator, session } = ctx;
    const job = readyJob();
    let jumped = false;
    const lateFetch: typeof fetch = async (input, init) => {
      if (!jumped) {
        jumped = true;
        emulator.advanceClock(61 * 60_000);
      }
      return fetch(input, init);
    };
    const result = await downloadManifest(session, job, folder(), {
      now: () => emulator.now(),
      fetchImpl: lateFetch,
    });
    expect(result.urlsRequested).toBe(2);
    expect(result.sha256).toBe((await emulator.jobSecrets(job.jobId)).manifestSha256);
    const downloads = emulator.requests({ operation: 'ManifestDownload' });
    expect(downloads.map((r) => r.status)).toEqual([403, 200]);
    // Two URLs issued. (After the jump the SDK's first signature is 61 min stale: the service refuses it
    // and the SDK corrects its clock from the Date header and retries, as it does against AWS.)
    expect(emulator.requests({ operation: 'GetJobManifest' }).filter((r) => r.status === 200)).toHaveLength(
      2,
    );
  });

  it('recovers from a URL the service hands out already expired', async () => {
    const { emulator, session } = ctx;
    emulator.addFault('GetJobManifest:expire:1');
    const result = await downloadManifest(session, readyJob(), folder(), { now: () => emulator.now() });
    expect(result.urlsRequested).toBe(2);
  });

  it('treats a truncated body as an error, retries, and leaves no file when it persists', async () => {
    const { emulator, session } = ctx;
    emulator.addFault('ManifestDownload:truncate:*:1000');
    const dir = folder();
    await expect(
      downloadManifest(session, readyJob(), dir, { now: () => emulator.now(), ...fast }),
    ).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      retryable: true,
      message: expect.stringMatching(/incomplete|broke off.*Nothing was saved/),
    });
    expect(readdirSync(dir)).toEqual([]);
    expect(emulator.requests({ operation: 'ManifestDownload' })).toHaveLength(3);
  });

  it('retries a truncated body and a 5xx, then succeeds', async () => {
    const { emulator, session } = ctx;
    emulator.addFault('ManifestDownload:truncate:1:500');
    emulator.addFault('ManifestDownload:503:1');
    const job = readyJob();
    const result = await downloadManifest(session, job, folder(), { now: () => emulator.now(), ...fast });
    expect(result.sha256).toBe((await emulator.jobSecrets(job.jobId)).manifestSha256);
    expect(emulator.requests({ operation: 'ManifestDownload' }).length).toBe(3);
  });

  it('resumes a broken download where it stopped (HTTP Range) into the same private temporary file', async () => {
    ctx.emulator.addFault('ManifestDownload:truncate:2:1000');
    const { emulator, job, dir, progress, result } = await downloadWithProgress(fast);
    const secrets = await emulator.jobSecrets(job.jobId);
    expect(result.sha256).toBe(secrets.manifestSha256);
    expect(result.bytes).toBe(secrets.manifestBytes);
    expect(createHash('sha256').update(readFileSync(result.path)).digest('hex')).toBe(secrets.manifestSha256);
    // One URL; the first GET broke off after 1000 bytes, the second (from byte 1000) after 1000 more.
    expect(emulator.requests({ operation: 'GetJobManifest' })).toHaveLength(1);
    expect(emulator.requests({ operation: 'ManifestDownload' }).map((r) => r.status)).toEqual([
      200, 206, 206,
    ]);
    // Progress counts on from where the download broke off; it never starts over.
    expect(progress).toContain(1000);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.at(-1)).toBe(result.bytes);
    expect(readdirSync(dir)).toEqual([`${job.jobId}_manifest.bin`]);
  });

  it('refuses to overwrite an existing manifest unless told to', async () => {
    const { emulator, session } = ctx;
    const job = readyJob();
    const dir = folder();
    const target = path.join(dir, `${job.jobId}_manifest.bin`);
    writeFileSync(target, 'the one I already had');
    await expect(downloadManifest(session, job, dir, { now: () => emulator.now() })).rejects.toMatchObject({
      code: 'FILE_EXISTS',
    });
    expect(readFileSync(target, 'utf8')).toBe('the one I already had');
    expect(readdirSync(dir)).toHaveLength(1);
    const replaced = await downloadManifest(session, job, dir, {
      now: () => emulator.now(),
      overwrite: true,
    });
    expect(readFileSync(target).length).toBe(replaced.bytes);
  });

  it('explains a destination it cannot write to, and a missing one', async () => {
    const { emulator, session } = ctx;
    const ro = unwritableFolder();
    try {
      await expect(
        downloadManifest(session, readyJob(), ro.path, { now: () => emulator.now() }),
      ).rejects.toMatchObject({
        code: 'DESTINATION_UNUSABLE',
      });
    } finally {
      ro.cleanup();
    }
    await expect(
      downloadManifest(session, readyJob(), path.join(root, 'nope'), { now: () => emulator.now() }),
    ).rejects.toMatchObject({
      code: 'DESTINATION_UNUSABLE',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('gives a clear message for a job whose device is not with the customer', async () => {
    const { emulator, session } = ctx;
    const job = emulator.job(emulator.demo.withCustomer['eu-west-1']![0]!)!;
    const previous = emulator.setJobState(job.jobId, 'InTransitToCustomer');
    try {
      await expect(
        downloadManifest(session, { jobId: job.jobId, region: job.region }, folder(), {
          now: () => emulator.now(),
        }),
      ).rejects.toMatchObject({
        code: 'INVALID_JOB_STATE',
        message: expect.stringMatching(/only while the device is with you \(WithCustomer\)/),
      });
    } finally {
      emulator.setJobState(job.jobId, previous);
    }
  });

  it('says when the job’s manifest has expired (360 days)', async () => {
    const { emulator, session } = ctx;
    const job = emulator.job(emulator.demo.expiredJobId)!;
    await expect(
      downloadManifest(session, { jobId: job.jobId, region: job.region }, folder(), {
        now: () => emulator.now(),
      }),
    ).rejects.toMatchObject({
      code: 'JOB_CREDENTIALS_EXPIRED',
      message: expect.stringContaining('360 days'),
    });
  });
});

describe('presignedExpiry', () => {
  it('reads X-Amz-Date and X-Amz-Expires', () => {
    expect(presignedExpiry('https://b/k?X-Amz-Date=20261125T090000Z&X-Amz-Expires=3600')).toBe(
      Date.UTC(2026, 10, 25, 10),
    );
    expect(presignedExpiry('https://b/k')).toBeNull();
    expect(presignedExpiry('not a url')).toBeNull();
  });
});
