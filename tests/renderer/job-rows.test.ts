/**
 * The jobs list's rows (renderer/src/pages/jobs/job-rows.ts, job-words.ts): the words shown are the words
 * searched, a growing list sorts the same as the whole list sorted at once, and what was done here comes
 * from the audit log.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntryInfo, JobSummaryInfo, RegionInfo } from '../../electron/contract';
import { deviceName, doneHereByJob, jobRow } from '../../renderer/src/job-words';
import {
  comparator,
  filterChoices,
  filterRows,
  NO_FILTERS,
  pageOf,
  RowBook,
  type Sort,
} from '../../renderer/src/pages/jobs/job-rows';
import { jobIdOfManifest } from '../../renderer/src/paths';

const REGIONS: RegionInfo[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)', partition: 'aws' },
  { id: 'eu-west-1', name: 'Europe (Ireland)', partition: 'aws' },
];

let n = 0;
function job(over: Partial<JobSummaryInfo> = {}): JobSummaryInfo {
  n += 1;
  return {
    jobId: `JID${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`,
    state: 'WithCustomer',
    jobType: 'IMPORT',
    snowballType: 'EDGE_C',
    description: `Job ${n}`,
    isMaster: false,
    createdAt: 1_700_000_000_000 + n * 1000,
    region: 'us-east-1',
    readyToUnlock: true,
    credentials: { expiresAt: 0, daysLeft: 300 - n, expired: false },
    ...over,
  };
}

describe('a job in the words shown', () => {
  it('names the device by product, the region by name and code, and searches those words', () => {
    const row = jobRow(job({ snowballType: 'SNC1_SSD', region: 'eu-west-1' }), REGIONS);
    expect(row.device).toBe('Snowcone SSD');
    expect(row.region).toEqual({ name: 'Europe (Ireland)', code: 'eu-west-1' });
    expect(row.status.text).toBe('Delivered — ready to unlock');
    for (const word of ['delivered', 'snowcone ssd', 'snc1_ssd', 'europe (ireland)', 'eu-west-1', 'import'])
      expect(row.words).toContain(word);
    // A code this list does not know is shown as it is, not hidden.
    expect(deviceName('FUTURE_9')).toBe('FUTURE_9');
  });

  it('says what was done here from the audit log: the latest receipt and unlock that succeeded', () => {
    const id = job().jobId;
    const entries: AuditEntryInfo[] = [
      { time: '2026-12-01T10:00:00.000Z', action: 'mark-received', outcome: 'ok', jobId: id },
      { time: '2026-12-01T10:05:00.000Z', action: 'unlock-device', outcome: 'failed', jobId: id },
      { time: '2026-12-01T10:09:00.000Z', action: 'unlock-device', outcome: 'ok', jobId: id },
      { time: '2026-12-01T10:10:00.000Z', action: 'list-jobs', outcome: 'ok' },
    ];
    const done = doneHereByJob(entries).get(id);
    expect(done).toEqual({
      receivedAt: Date.parse('2026-12-01T10:00:00.000Z'),
      unlockedAt: Date.parse('2026-12-01T10:09:00.000Z'),
    });
    const row = jobRow(job({ jobId: id }), REGIONS, done);
    expect(row.doneHere).toMatch(/^Received here .+, unlocked here .+/);
    expect(row.words).toContain('unlocked here');
    expect(row.status).toEqual({ type: 'success', text: 'Delivered — unlocked here' });
  });

  it('leads with what was done here: received only, unlocked, or nothing yet', () => {
    const id = job().jobId;
    const at = Date.parse('2026-12-01T10:00:00.000Z');
    expect(jobRow(job({ jobId: id }), REGIONS, { receivedAt: at, unlockedAt: null }).status.text).toBe(
      'Received here — ready to unlock',
    );
    expect(jobRow(job({ jobId: id }), REGIONS).status.text).toBe('Delivered — ready to unlock');
    // A job no longer with the customer says AWS's state, whatever was done here before.
    const back = jobRow(job({ jobId: id, state: 'InTransitToAWS', readyToUnlock: false }), REGIONS, {
      receivedAt: at,
      unlockedAt: at,
    });
    expect(back.status.text).toBe('On its way back to AWS');
  });
});

describe('rows', () => {
  const jobs = Array.from({ length: 300 }, (_, i) =>
    job({
      readyToUnlock: i % 3 === 0,
      state: i % 3 === 0 ? 'WithCustomer' : 'InTransitToCustomer',
      region: i % 2 ? 'eu-west-1' : 'us-east-1',
      snowballType: i % 5 ? 'EDGE_C' : 'SNC1_HDD',
      description: i % 7 ? `Batch ${i}` : `Genomics ${i}`,
    }),
  );
  const done = new Map();

  it.each<Sort>([
    { key: 'ready', descending: false },
    { key: 'region', descending: true },
    { key: 'expiry', descending: false },
  ])('a list that grows page by page sorts as the whole list at once (%o)', (sort) => {
    const book = new RowBook();
    let shown: JobSummaryInfo[] = [];
    for (let i = 0; i < jobs.length; i += 37) {
      shown = [...shown, ...jobs.slice(i, i + 37)];
      book.sorted(shown, REGIONS, done, sort);
    }
    const grown = book.sorted(shown, REGIONS, done, sort).map((r) => r.job.jobId);
    const whole = jobs
      .map((j) => jobRow(j, REGIONS))
      .sort(comparator(sort))
      .map((r) => r.job.jobId);
    expect(grown).toEqual(whole);
  });

  it('filters by every word typed and by the labels shown, and pages the result', () => {
    const rows = new RowBook().sorted(jobs, REGIONS, done, { key: 'ready', descending: false });
    expect(filterRows(rows, NO_FILTERS)).toBe(rows);
    const genomicsInIreland = filterRows(rows, { ...NO_FILTERS, text: 'genomics  ireland' });
    expect(genomicsInIreland.length).toBeGreaterThan(0);
    expect(
      genomicsInIreland.every(
        (r) => r.job.description?.startsWith('Genomics') && r.region.code === 'eu-west-1',
      ),
    ).toBe(true);
    const choices = filterChoices(rows);
    expect(choices.statuses).toEqual(['Delivered — ready to unlock', 'On its way to you']);
    expect(choices.devices).toEqual(['Snowball Edge Compute Optimized', 'Snowcone HDD']);
    expect(choices.regions.map((r) => r.code)).toEqual(['eu-west-1', 'us-east-1']);
    const onTheWay = filterRows(rows, { ...NO_FILTERS, status: 'On its way to you', device: 'Snowcone HDD' });
    expect(onTheWay.every((r) => !r.job.readyToUnlock && r.job.snowballType === 'SNC1_HDD')).toBe(true);
    expect(pageOf(onTheWay, 99, 20)).toEqual({
      rows: onTheWay.slice((Math.ceil(onTheWay.length / 20) - 1) * 20),
      pages: Math.ceil(onTheWay.length / 20),
    });
  });
});

describe('the job of a manifest, from its file name', () => {
  it.each([
    [
      '/media/usb/JID123e4567-e89b-12d3-a456-426655440000_manifest.bin',
      'JID123e4567-e89b-12d3-a456-426655440000',
    ],
    [
      'E:\\keys\\MIDaaaabbbb-cccc-dddd-eeee-ffff00001111_manifest.bin',
      'MIDaaaabbbb-cccc-dddd-eeee-ffff00001111',
    ],
    ['/media/usb/manifest.bin', null],
    ['/media/usb/JID123e4567-e89b-12d3-a456-426655440000_manifest.bin.bak', null],
  ])('%s → %s', (file, expected) => {
    expect(jobIdOfManifest(file)).toBe(expected);
  });
});

describe('the complete answer after the streamed pages', () => {
  it('reuses the rows of jobs it says the same of, and builds those that changed', () => {
    const book = new RowBook();
    const sort: Sort = { key: 'ready', descending: false };
    const streamed = [job(), job(), job()];
    const done = new Map();
    const first = book.sorted(streamed, REGIONS, done, sort);
    const answer = streamed.map((j) => ({ ...j, credentials: j.credentials && { ...j.credentials } }));
    answer[1] = { ...answer[1]!, state: 'InTransitToAWS', readyToUnlock: false };
    const after = book.sorted(answer, REGIONS, done, sort);
    const byId = (rows: typeof first, id: string) => rows.find((r) => r.job.jobId === id);
    expect(byId(after, streamed[0]!.jobId)).toBe(byId(first, streamed[0]!.jobId));
    expect(byId(after, streamed[1]!.jobId)).not.toBe(byId(first, streamed[1]!.jobId));
    expect(byId(after, streamed[1]!.jobId)?.status.text).toBe('On its way back to AWS');
  });
});
