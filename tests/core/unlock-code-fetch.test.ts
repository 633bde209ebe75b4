/** Fetching the unlock code from AWS: straight into the vault, the window gets only a handle. */
import { describe, expect, it } from 'vitest';
import { memoryClipboard } from '../../electron/core/ports';
import { fetchUnlockCode, UnlockCodeVault } from '../../electron/core/unlock-code';
import { useEmulator } from '../helpers/emulator';
import { ManualClock } from '../helpers/manual-clock';

const ctx = useEmulator({ seed: 'shipment-tests' });

const jobIn = (region: string, index = 0) => {
  const jobId = ctx.emulator.demo.withCustomer[region]![index]!;
  return { jobId, region };
};

describe('fetchUnlockCode', () => {
  it('puts the service’s code in the vault and hands back only a handle', async () => {
    const vault = new UnlockCodeVault({ clock: new ManualClock(), clipboard: memoryClipboard() });
    const job = jobIn('eu-west-1');
    const handle = await fetchUnlockCode(ctx.session, job, vault);
    const { unlockCode } = await ctx.emulator.jobSecrets(job.jobId);
    expect(JSON.stringify(handle)).not.toContain(unlockCode);
    expect(vault.reveal(handle.id)).toBe(unlockCode);
  });

  it('explains a job that is not with the customer', async () => {
    const vault = new UnlockCodeVault({ clock: new ManualClock(), clipboard: memoryClipboard() });
    const job = jobIn('eu-west-1');
    const previous = ctx.emulator.setJobState(job.jobId, 'WithAWS');
    try {
      await expect(fetchUnlockCode(ctx.session, job, vault)).rejects.toMatchObject({
        code: 'INVALID_JOB_STATE',
      });
      expect(vault.knownCodes()).toEqual([]);
    } finally {
      ctx.emulator.setJobState(job.jobId, previous);
    }
  });
});
