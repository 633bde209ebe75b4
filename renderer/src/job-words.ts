/**
 * A job in the words the jobs list shows: the device by product name, the region by name and code, the
 * status, what was done here, the expiry. Search and filters match these same words (what a person reads
 * is what they can type), so they are built once per job and kept. No DOM: unit-tested under Node.
 */
import type { AuditEntryInfo, JobSummaryInfo, RegionInfo } from '../../electron/contract';
import { formatDateTime } from './format';
import { jobStatus, type StatusType } from './job-state';

/**
 * Product names of the API's device types (CreateJob's "Snow Family devices and their capacities" and the
 * developer guide's device table); the code itself is shown in the job's details.
 */
export const DEVICE_NAMES: Record<string, string> = {
  STANDARD: 'Snowball (original)',
  EDGE: 'Snowball Edge Storage Optimized with EC2 compute',
  EDGE_S: 'Snowball Edge Storage Optimized for data transfer',
  EDGE_C: 'Snowball Edge Compute Optimized',
  EDGE_CG: 'Snowball Edge Compute Optimized with GPU',
  SNC1_HDD: 'Snowcone HDD',
  SNC1_SSD: 'Snowcone SSD',
  V3_5C: 'Snowball Edge Compute Optimized (AMD EPYC, NVMe)',
  V3_5S: 'Snowball Edge Storage Optimized 210 TB',
  RACK_5U_C: 'Snowblade',
};

export const JOB_TYPE_NAMES: Record<string, string> = {
  IMPORT: 'Import into Amazon S3',
  EXPORT: 'Export from Amazon S3',
  LOCAL_USE: 'Local compute and storage',
};

export function deviceName(code: string | null): string {
  if (!code) return 'Unknown device';
  return DEVICE_NAMES[code] ?? code;
}

export function jobTypeName(code: string | null): string {
  if (!code) return '—';
  return JOB_TYPE_NAMES[code] ?? code;
}

export function regionName(code: string, regions: readonly RegionInfo[]): string {
  return regions.find((r) => r.id === code)?.name ?? code;
}

/** What this app did for a job, from the audit log: the latest receipt and unlock that succeeded. */
export interface DoneHere {
  receivedAt: number | null;
  unlockedAt: number | null;
}

export function doneHereByJob(entries: readonly AuditEntryInfo[]): Map<string, DoneHere> {
  const done = new Map<string, DoneHere>();
  for (const entry of entries) {
    if (!entry.jobId || entry.outcome !== 'ok') continue;
    const key =
      entry.action === 'mark-received'
        ? 'receivedAt'
        : entry.action === 'unlock-device' || entry.action === 'unlock-cluster'
          ? 'unlockedAt'
          : null;
    if (!key) continue;
    const at = Date.parse(entry.time);
    const current = done.get(entry.jobId) ?? { receivedAt: null, unlockedAt: null };
    if ((current[key] ?? 0) < at) done.set(entry.jobId, { ...current, [key]: at });
  }
  return done;
}

/** One line for what was done here, or null when nothing was. */
export function doneHereText(done: DoneHere | undefined): string | null {
  if (!done) return null;
  const parts: string[] = [];
  if (done.receivedAt !== null) parts.push(`received here ${formatDateTime(done.receivedAt)}`);
  if (done.unlockedAt !== null) parts.push(`unlocked here ${formatDateTime(done.unlockedAt)}`);
  if (parts.length === 0) return null;
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface JobRow {
  job: JobSummaryInfo;
  status: { type: StatusType; text: string };
  doneHere: string | null;
  device: string;
  region: { name: string; code: string };
  expiry: { text: string; type: StatusType | null; days: number };
  /** Every word shown for the job, lower case: what free-text search looks in. */
  words: string;
}

export function expiryOf(job: JobSummaryInfo): JobRow['expiry'] {
  const c = job.credentials;
  if (!c) return { text: '—', type: null, days: Number.POSITIVE_INFINITY };
  if (c.expired) return { text: 'Expired', type: 'error', days: -1 };
  const text = `${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'} left`;
  return { text, type: c.daysLeft < 14 ? 'warning' : null, days: c.daysLeft };
}

/**
 * The status a delivered job shows once this app received or unlocked it: what was done here leads, so
 * the job just finished does not still read "ready to unlock". AWS keeps it WithCustomer until it ships
 * back, so every other case is AWS's state in words.
 */
export function statusHere(
  job: Parameters<typeof jobStatus>[0],
  done: DoneHere | undefined,
): JobRow['status'] {
  const status = jobStatus(job);
  if (job.state !== 'WithCustomer' || job.isMaster || !done) return status;
  if (done.unlockedAt !== null) return { type: 'success', text: 'Delivered — unlocked here' };
  if (done.receivedAt !== null && status.type === 'success')
    return { type: 'success', text: 'Received here — ready to unlock' };
  return status;
}

export function jobRow(job: JobSummaryInfo, regions: readonly RegionInfo[], done?: DoneHere): JobRow {
  const status = statusHere(job, done);
  const doneHere = doneHereText(done);
  const device = deviceName(job.snowballType);
  const region = { name: regionName(job.region, regions), code: job.region };
  const expiry = expiryOf(job);
  const words = [
    status.text,
    doneHere ?? '',
    job.description ?? '',
    job.jobId,
    device,
    job.snowballType ?? '',
    region.name,
    region.code,
    jobTypeName(job.jobType),
    expiry.text,
  ]
    .join('\n')
    .toLowerCase();
  return { job, status, doneHere, device, region, expiry, words };
}

/** Free text: every word typed must appear among the words shown for the job (any order). */
export function matchesText(row: JobRow, terms: readonly string[]): boolean {
  for (const term of terms) if (!row.words.includes(term)) return false;
  return true;
}

export function searchTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}
