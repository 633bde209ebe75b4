/**
 * What a simple script written with the same SDK would do: every region one after another (all four US
 * regions too, though they answer with the same jobs), every page, and only then ask for one manifest
 * and download it. The baseline the product is compared with.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  GetJobManifestCommand,
  ListJobsCommand,
  SnowballClient,
  type JobListEntry,
} from '@aws-sdk/client-snowball';
import { DEMO_CREDENTIALS } from '../emulator';

/** Manifest and unlock code expire 360 days after the job was created. */
const USABLE_MS = 360 * 24 * 60 * 60 * 1000;

export async function naiveReceive(
  endpoint: string,
  regions: readonly string[],
  folder: string,
): Promise<string> {
  const clients = new Map<string, SnowballClient>();
  const client = (region: string): SnowballClient => {
    let existing = clients.get(region);
    if (!existing) {
      existing = new SnowballClient({ region, endpoint, credentials: { ...DEMO_CREDENTIALS } });
      clients.set(region, existing);
    }
    return existing;
  };
  try {
    const delivered: { entry: JobListEntry; region: string }[] = [];
    for (const region of regions) {
      let token: string | undefined;
      do {
        const page = await client(region).send(new ListJobsCommand({ MaxResults: 100, NextToken: token }));
        for (const entry of page.JobListEntries ?? [])
          if (entry.JobState === 'WithCustomer') delivered.push({ entry, region });
        token = page.NextToken || undefined;
      } while (token);
    }
    const now = Date.now();
    const target = delivered.find(
      ({ entry }) => !entry.IsMaster && entry.CreationDate && now - entry.CreationDate.getTime() < USABLE_MS,
    );
    if (!target?.entry.JobId) throw new Error('the naive client found no delivered job to download');
    const jobId = target.entry.JobId;
    const { ManifestURI } = await client(target.region).send(new GetJobManifestCommand({ JobId: jobId }));
    if (!ManifestURI) throw new Error('GetJobManifest returned no URL');
    const response = await fetch(ManifestURI);
    if (!response.ok) throw new Error(`manifest download: HTTP ${response.status}`);
    const file = path.join(folder, `${jobId}_manifest.bin`);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    return file;
  } finally {
    for (const c of clients.values()) c.destroy();
  }
}
