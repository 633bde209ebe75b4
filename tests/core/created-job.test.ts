import { readFileSync } from 'node:fs';
import { CreateAddressCommand, CreateJobCommand } from '@aws-sdk/client-snowball';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, verifyUnlockCode } from '../../emulator';
import { listJobs } from '../../electron/core/jobs';
import { downloadManifest } from '../../electron/core/manifest';
import { memoryClipboard } from '../../electron/core/ports';
import { markReceived } from '../../electron/core/shipment';
import { fetchUnlockCode, UnlockCodeVault } from '../../electron/core/unlock-code';
import { useEmulator } from '../helpers/emulator';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../helpers/temp-dirs';

const ctx = useEmulator({ seed: 'created-job' });
const folder = tempDir('companion-created-');
const DAY = 24 * 60 * 60 * 1000;

describe('a job ordered through the API', () => {
  it('reaches the customer on the emulator clock and is received by the app like a seeded one', async () => {
    const { emulator, session } = ctx;
    const sdk = session.snowball('eu-west-1');
    const { AddressId } = await sdk.send(
      new CreateAddressCommand({
        Address: {
          Name: 'Niamh Walsh',
          Street1: '7 Quay Street',
          City: 'Galway',
          Country: 'IE',
          PostalCode: 'H91 A2B3',
          PhoneNumber: '+353 91 555 0100',
        },
      }),
    );
    const { JobId } = await sdk.send(
      new CreateJobCommand({
        JobType: 'IMPORT',
        SnowballType: 'V3_5C',
        AddressId,
        ShippingOption: 'EXPRESS',
        RoleARN: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/SnowballImportRole`,
        Resources: { S3Resources: [{ BucketArn: 'arn:aws:s3:::galway-site-archive' }] },
        Description: 'Galway site archive',
      }),
    );
    const job = { jobId: JobId ?? '', region: 'eu-west-1' };

    // Shipped after New (1 h) and two days of preparation; the app marks it received on arrival.
    emulator.advanceClock(2 * DAY + 2 * 60 * 60 * 1000);
    const before = await listJobs(session, ['eu-west-1'], { now: emulator.now() });
    expect(before.jobs.find((j) => j.jobId === job.jobId)).toMatchObject({ state: 'InTransitToCustomer' });
    await markReceived(session, job);
    const after = await listJobs(session, ['eu-west-1'], { now: emulator.now() });
    expect(after.jobs.find((j) => j.jobId === job.jobId)).toMatchObject({
      state: 'WithCustomer',
      readyToUnlock: true,
      description: 'Galway site archive',
    });

    const manifest = await downloadManifest(session, job, folder, { now: () => emulator.now() });
    const vault = new UnlockCodeVault({ clock: new ManualClock(), clipboard: memoryClipboard() });
    const handle = await fetchUnlockCode(session, job, vault);
    const code = vault.reveal(handle.id) ?? '';
    expect(verifyUnlockCode(readFileSync(manifest.path), code)).toBe(true);
    expect(manifest.sha256).toBe((await emulator.jobSecrets(job.jobId)).manifestSha256);
  });
});
