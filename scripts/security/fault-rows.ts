/**
 * The rows of the fault matrix: each fault, how it is made (an emulator fault, a tampered request, a
 * hostile folder), the core call it hits, and what the person must see. Rows a person meets in the window
 * name the e2e spec that shows it there.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_CREDENTIALS, type Emulator } from '../../emulator';
import type { ErrorCode } from '../../electron/contract';
import { AppError } from '../../electron/core/app-error';
import { listJobs } from '../../electron/core/jobs';
import { downloadManifest, type DownloadOptions } from '../../electron/core/manifest';
import { memoryClipboard, systemClock } from '../../electron/core/ports';
import { connect, type AwsSession, type ClientOptions } from '../../electron/core/session';
import { fetchUnlockCode, UnlockCodeVault } from '../../electron/core/unlock-code';
import { fullFolder, unwritableFolder } from '../../testkit/hostile-folders';

export interface Outcome {
  /** 'ok', or the code of the AppError the person is shown. */
  code: ErrorCode | 'ok' | 'UNEXPECTED';
  message: string;
}

export interface RowContext {
  emulator: Emulator;
  /** Connected with the demo keys, the app's default retries and timeouts. */
  session: AwsSession;
  connect(options?: ClientOptions): Promise<AwsSession>;
  /** This row's destination folder (fresh, with a file already in it that must survive). */
  folder: string;
  jobs: { delivered: string; inTransit: string; expired: string };
}

/** A destination other than the default fresh folder. */
export interface Destination {
  path: string;
  cleanup(): void;
}

export interface Row {
  fault: string;
  /** How the fault is made. */
  madeBy: string;
  expect: { code: Outcome['code']; message?: RegExp; saved?: (ctx: RowContext) => string };
  run(ctx: RowContext): Promise<Outcome>;
  /** Files already there that must not change (the default folder's keep.txt is always checked). */
  prepare?(ctx: RowContext): string[];
  /** A destination of its own; null with a reason when this machine cannot make it. */
  destination?(): Destination | { skip: string };
  /** A further check of the outcome; returns what is wrong, or null. */
  check?(ctx: RowContext): string | null;
  /** Where the window shows this row (an e2e spec). */
  ui?: string;
}

const MANIFEST = (ctx: RowContext) => `${ctx.jobs.delivered}_manifest.bin`;
const UI_SPEC = 'e2e/faults.spec.ts';
const RECEIVE_SPEC = 'e2e/receive.spec.ts';

/** Downloads the delivered job's manifest into the row's folder, with quick backoff. */
function download(ctx: RowContext, extra: Partial<DownloadOptions> = {}, session = ctx.session) {
  return outcomeOf(() =>
    downloadManifest(session, { jobId: ctx.jobs.delivered, region: 'us-east-1' }, ctx.folder, {
      now: () => Date.now(),
      backoffMs: () => 20,
      ...extra,
    }),
  );
}

function downloadJob(ctx: RowContext, jobId: string) {
  return outcomeOf(() =>
    downloadManifest(ctx.session, { jobId, region: 'us-east-1' }, ctx.folder, { now: () => Date.now() }),
  );
}

/** Arms an emulator fault and downloads; the fault is cleared whatever happens. */
function withFault(spec: string, run: (ctx: RowContext) => Promise<Outcome>) {
  return async (ctx: RowContext) => {
    ctx.emulator.addFault(spec);
    try {
      return await run(ctx);
    } finally {
      ctx.emulator.clearFaults();
    }
  };
}

export async function outcomeOf(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    await fn();
    return { code: 'ok', message: '' };
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    return { code: 'UNEXPECTED', message: String(error) };
  }
}

/** Changes the last character of the signature, as a copy-paste accident or a meddler would. */
function tamperSignature(url: string): string {
  return url.replace(/(X-Amz-Signature=[0-9a-f]*)([0-9a-f])/, (_all, head: string, last: string) => {
    return `${head}${last === '0' ? '1' : '0'}`;
  });
}

const saved = { saved: MANIFEST };

export const ROWS: readonly Row[] = [
  {
    fault: 'Throttling, within the retries',
    madeBy: 'GetJobManifest:throttle:2',
    expect: { code: 'ok', ...saved },
    run: withFault('GetJobManifest:throttle:2', (ctx) => download(ctx)),
    check: (ctx) => {
      const attempts = ctx.emulator.requests({ operation: 'GetJobManifest' }).length;
      return attempts === 3 ? null : `expected 3 GetJobManifest attempts, saw ${attempts}`;
    },
  },
  {
    fault: 'Throttling, beyond the retries',
    madeBy: 'GetJobManifest:throttle:3',
    expect: { code: 'THROTTLED', message: /limiting the request rate.*Wait a minute and try again/ },
    run: withFault('GetJobManifest:throttle:3', (ctx) => download(ctx)),
    ui: UI_SPEC,
  },
  {
    fault: '5xx from the API, beyond the retries',
    madeBy: 'GetJobManifest:500:*',
    expect: { code: 'SERVICE_ERROR', message: /AWS had a problem in us-east-1.*retries did not help/ },
    run: withFault('GetJobManifest:500:*', (ctx) => download(ctx)),
  },
  {
    fault: '5xx from the download, retried',
    madeBy: 'ManifestDownload:503:1',
    expect: { code: 'ok', ...saved },
    run: withFault('ManifestDownload:503:1', (ctx) => download(ctx)),
  },
  {
    fault: 'Connection reset by the API',
    madeBy: 'GetJobManifest:reset:*',
    expect: { code: 'NETWORK', message: /Could not reach AWS in us-east-1.*network connection/ },
    run: withFault('GetJobManifest:reset:*', (ctx) => download(ctx)),
  },
  {
    fault: 'Connection reset during the download',
    madeBy: 'ManifestDownload:reset:*',
    expect: { code: 'DOWNLOAD_FAILED', message: /could not connect.*Nothing was saved/ },
    run: withFault('ManifestDownload:reset:*', (ctx) => download(ctx)),
  },
  {
    fault: 'Slow API answers, past the request timeout',
    madeBy: 'latency 1500 ms, requestTimeoutMs 400',
    expect: { code: 'NETWORK', message: /Could not reach AWS in us-east-1 .*\(TimeoutError\)/ },
    run: async (ctx) => {
      const impatient = await ctx.connect({ requestTimeoutMs: 400 });
      ctx.emulator.setLatency(1500);
      try {
        return await download(ctx, {}, impatient);
      } finally {
        ctx.emulator.setLatency(0);
        impatient.close();
      }
    },
  },
  {
    fault: 'Slow download (1.5 s), within the limits',
    madeBy: 'ManifestDownload:slow:1:1500',
    expect: { code: 'ok', ...saved },
    run: withFault('ManifestDownload:slow:1:1500', (ctx) => download(ctx)),
  },
  {
    fault: 'Truncated manifest, every attempt',
    madeBy: 'ManifestDownload:truncate:*',
    // Which words depend on where the connection dies: after the last byte sent, or during a read.
    expect: {
      code: 'DOWNLOAD_FAILED',
      message: /(arrived incomplete \(\d+ of \d+ bytes\)|broke off after \d+ bytes).*Nothing was saved/,
    },
    run: withFault('ManifestDownload:truncate:*', (ctx) => download(ctx)),
    ui: UI_SPEC,
  },
  {
    fault: 'Truncated manifest once, retried',
    madeBy: 'ManifestDownload:truncate:1',
    expect: { code: 'ok', ...saved },
    run: withFault('ManifestDownload:truncate:1', (ctx) => download(ctx)),
  },
  {
    fault: 'Expired URL, renewed',
    madeBy: 'GetJobManifest:expire:1',
    expect: { code: 'ok', ...saved },
    run: withFault('GetJobManifest:expire:1', (ctx) => download(ctx)),
    check: (ctx) => {
      const urls = ctx.emulator.requests({ operation: 'GetJobManifest' }).length;
      return urls === 2 ? null : `expected a second URL to be requested, saw ${urls} requests`;
    },
    ui: RECEIVE_SPEC,
  },
  {
    fault: 'Expired URL, twice',
    madeBy: 'GetJobManifest:expire:2',
    expect: { code: 'DOWNLOAD_FAILED', message: /expired before it could be used, twice.*clock/ },
    run: withFault('GetJobManifest:expire:2', (ctx) => download(ctx)),
  },
  {
    fault: 'Tampered URL (signature changed)',
    madeBy: 'one character of X-Amz-Signature',
    expect: {
      code: 'DOWNLOAD_FAILED',
      message: /refused the manifest download \(the link was not accepted\)/,
    },
    run: (ctx) => download(ctx, { fetchImpl: (input, init) => fetch(tamperSignature(String(input)), init) }),
  },
  {
    fault: 'Wrong job state',
    madeBy: 'a job InTransitToCustomer',
    expect: { code: 'INVALID_JOB_STATE', message: /only while the device is with you \(WithCustomer\)/ },
    run: (ctx) => downloadJob(ctx, ctx.jobs.inTransit),
    ui: RECEIVE_SPEC,
  },
  {
    fault: 'Unknown job',
    madeBy: 'a well-formed job id AWS does not have',
    expect: { code: 'JOB_NOT_FOUND', message: /AWS does not know JID0{8}-.*Refresh the job list/ },
    run: async (ctx) => {
      const vault = new UnlockCodeVault({ clock: systemClock, clipboard: memoryClipboard() });
      const outcome = await outcomeOf(() =>
        fetchUnlockCode(
          ctx.session,
          { jobId: 'JID00000000-0000-0000-0000-000000000000', region: 'us-east-1' },
          vault,
        ),
      );
      return vault.knownCodes().length === 0 ? outcome : { code: 'UNEXPECTED', message: 'a code was held' };
    },
  },
  {
    fault: 'Invalid NextToken',
    madeBy: 'NextToken altered on page 2 (us-west-2)',
    expect: {
      code: 'REQUEST_REFUSED',
      message: /refused to list the Snowball jobs in us-west-2 \(InvalidNextTokenException\)/,
    },
    run: async (ctx) => {
      const session = await ctx.connect();
      session.snowball('us-west-2').middlewareStack.add(
        (next) => async (args) => {
          const input = args.input as { NextToken?: string };
          if (input.NextToken) input.NextToken = `${input.NextToken.slice(0, -2)}xx`;
          return next(args);
        },
        { step: 'initialize', name: 'alterNextToken' },
      );
      try {
        const listing = await listJobs(session, ['us-west-2', 'eu-west-1'], { now: Date.now(), pageSize: 2 });
        const [failure, ...more] = listing.failures;
        if (!failure || more.length > 0 || !listing.regions.includes('eu-west-1'))
          return { code: 'UNEXPECTED', message: JSON.stringify(listing.failures) };
        return { code: failure.code, message: failure.message };
      } finally {
        session.close();
      }
    },
  },
  {
    fault: 'Expired AWS credentials (temporary keys)',
    madeBy: 'GetJobManifest:expired-token:1',
    expect: { code: 'CREDENTIALS_INVALID', message: /have expired\. Renew them/ },
    run: withFault('GetJobManifest:expired-token:1', (ctx) => download(ctx)),
    ui: UI_SPEC,
  },
  {
    fault: 'Expired job credentials (360 days)',
    madeBy: 'the demo job created 372 days ago',
    expect: { code: 'JOB_CREDENTIALS_EXPIRED', message: /have expired \(they last 360 days/ },
    run: (ctx) => downloadJob(ctx, ctx.jobs.expired),
  },
  {
    fault: 'Wrong secret key',
    madeBy: 'the demo key id with another secret',
    expect: { code: 'CREDENTIALS_INVALID', message: /did not accept these credentials.*secret key is wrong/ },
    run: async (ctx) =>
      outcomeOf(() =>
        connect(
          {
            kind: 'session-keys',
            accessKeyId: DEMO_CREDENTIALS.accessKeyId,
            secretAccessKey: 'x'.repeat(40),
          },
          { endpoint: ctx.emulator.url, homeRegion: 'us-east-1' },
        ),
      ),
  },
  {
    fault: 'Destination full',
    madeBy: 'a 16 KiB tmpfs',
    expect: { code: 'DESTINATION_FULL', message: /not enough free space/ },
    destination: () => fullFolder(16) ?? { skip: 'mounting a tmpfs needs root on Linux' },
    run: (ctx) => download(ctx),
  },
  {
    fault: 'Destination read-only',
    madeBy: 'no write permission (as root: sysfs)',
    expect: { code: 'DESTINATION_UNUSABLE', message: /cannot write to .*read-only, or no permission/ },
    // Windows folders have no write bit to take away.
    destination: () =>
      process.platform === 'win32'
        ? { skip: 'no read-only folder by permissions on Windows' }
        : unwritableFolder(),
    run: (ctx) => download(ctx),
    ui: UI_SPEC,
  },
  {
    fault: 'Manifest already present',
    madeBy: 'a file of the same name',
    expect: { code: 'FILE_EXISTS', message: /already exists in .*Nothing was changed/ },
    prepare: (ctx) => [write(path.join(ctx.folder, MANIFEST(ctx)), 'the manifest of an earlier visit')],
    run: (ctx) => download(ctx),
    ui: UI_SPEC,
  },
  {
    fault: 'Unlock code file already present',
    madeBy: 'a file of the same name',
    expect: { code: 'FILE_EXISTS', message: /already exists in .*Nothing was changed/ },
    prepare: (ctx) => [write(path.join(ctx.folder, 'unlock-code.txt'), 'a code written down earlier')],
    run: async (ctx) => {
      const vault = new UnlockCodeVault({ clock: systemClock, clipboard: memoryClipboard() });
      const handle = await fetchUnlockCode(
        ctx.session,
        { jobId: ctx.jobs.delivered, region: 'us-east-1' },
        vault,
      );
      return outcomeOf(() =>
        vault.save(handle.id, {
          path: path.join(ctx.folder, 'unlock-code.txt'),
          manifestPath: null,
          acceptWarnings: true,
        }),
      );
    },
  },
];

function write(file: string, content: string): string {
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}
