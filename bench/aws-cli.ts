/**
 * The same flow with the AWS CLI, as a shell loop would run it: `aws snowball list-jobs` in every region
 * one after another (the CLI follows NextToken itself), `get-job-manifest` for the first usable delivered
 * job, then curl on the presigned URL. Only where `aws` is on PATH.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { DEMO_CREDENTIALS } from '../emulator';

const run = promisify(execFile);
const USABLE_MS = 360 * 24 * 60 * 60 * 1000;

interface CliJob {
  JobId?: string;
  JobState?: string;
  IsMaster?: boolean;
  /** Epoch seconds (JSON protocol) or an ISO string, depending on the CLI's output settings. */
  CreationDate?: number | string;
}

/** The CLI's version line, or null when `aws` cannot be run. */
export async function awsCliVersion(): Promise<string | null> {
  try {
    const { stdout, stderr } = await run('aws', ['--version'], { timeout: 20_000 });
    return (stdout || stderr).trim().split(/\s+/)[0] ?? 'aws';
  } catch {
    return null;
  }
}

/** Environment for the CLI: the demo keys only, no config or credentials files of this machine. */
function cliEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: scratch,
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: path.join(scratch, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}

export async function cliReceive(
  endpoint: string,
  regions: readonly string[],
  folder: string,
): Promise<string> {
  const env = cliEnv(folder);
  const aws = async (region: string, ...args: string[]): Promise<unknown> => {
    const { stdout } = await run(
      'aws',
      ['snowball', ...args, '--region', region, '--endpoint-url', endpoint, '--output', 'json'],
      { env, maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as unknown;
  };

  const delivered: { job: CliJob; region: string }[] = [];
  for (const region of regions) {
    const out = (await aws(region, 'list-jobs', '--page-size', '100')) as { JobListEntries?: CliJob[] };
    for (const job of out.JobListEntries ?? [])
      if (job.JobState === 'WithCustomer') delivered.push({ job, region });
  }
  const now = Date.now();
  const target = delivered.find(({ job }) => !job.IsMaster && now - createdAt(job) < USABLE_MS);
  if (!target?.job.JobId) throw new Error('the CLI run found no delivered job to download');
  const { ManifestURI } = (await aws(target.region, 'get-job-manifest', '--job-id', target.job.JobId)) as {
    ManifestURI?: string;
  };
  if (!ManifestURI) throw new Error('get-job-manifest returned no URL');
  const file = path.join(folder, `${target.job.JobId}_manifest.bin`);
  await run('curl', ['-sSf', '-o', file, ManifestURI], { env });
  return file;
}

function createdAt(job: CliJob): number {
  if (typeof job.CreationDate === 'number') return job.CreationDate * 1000;
  if (typeof job.CreationDate === 'string') return Date.parse(job.CreationDate);
  return Number.NaN;
}
