import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { markReceived, returnLabel, softwareUpdates } from '../../electron/core/shipment';
import { useEmulator } from '../helpers/emulator';
import { tempDir } from '../helpers/temp-dirs';

const ctx = useEmulator({ seed: 'shipment-tests' });
const root = tempDir('companion-ship-');

beforeEach(() => ctx.emulator.clearFaults());

const jobIn = (region: string, index = 0) => {
  const jobId = ctx.emulator.demo.withCustomer[region]![index]!;
  return { jobId, region };
};

describe('markReceived', () => {
  it('moves a job in transit to WithCustomer, and repeating it is harmless', async () => {
    const job = jobIn('us-east-1');
    ctx.emulator.setJobState(job.jobId, 'InTransitToCustomer');
    await markReceived(ctx.session, job);
    expect(ctx.emulator.job(job.jobId)!.state).toBe('WithCustomer');
    await markReceived(ctx.session, job);
    expect(ctx.emulator.job(job.jobId)!.state).toBe('WithCustomer');
  });

  it('explains a job in a state that cannot be received', async () => {
    const job = jobIn('us-east-1', 1);
    const previous = ctx.emulator.setJobState(job.jobId, 'Complete');
    try {
      await expect(markReceived(ctx.session, job)).rejects.toMatchObject({ code: 'INVALID_JOB_STATE' });
    } finally {
      ctx.emulator.setJobState(job.jobId, previous);
    }
  });
});

describe('returnLabel', () => {
  it('creates the label, follows it until AWS finishes, and saves it where asked', async () => {
    const job = jobIn('ap-southeast-2');
    const folder = path.join(root, 'labels');
    mkdirSync(folder);
    const waits: number[] = [];
    const label = await returnLabel(ctx.session, job, {
      folder,
      now: () => ctx.emulator.now(),
      pollMs: 1000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(label.status).toBe('Succeeded');
    expect(label.uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(label.savedTo).toBe(path.join(folder, `${job.jobId}_return-label.pdf`));
    expect(readFileSync(label.savedTo!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(waits.length).toBeGreaterThan(0);
    // Asking again follows the existing label instead of failing.
    const again = await returnLabel(ctx.session, job, {
      now: () => ctx.emulator.now(),
      sleep: async () => undefined,
    });
    expect(again.status).toBe('Succeeded');
    expect(again.savedTo).toBeNull();
  });
});

describe('softwareUpdates', () => {
  it('returns the updates link', async () => {
    const { uri } = await softwareUpdates(ctx.session, jobIn('us-west-2'));
    expect(uri).toMatch(/X-Amz-Expires=172800/);
  });
});
