/**
 * The manifest: ask AWS for its presigned URL and download it at once, streamed into a temporary file in
 * the destination folder, then moved into place (mode 0600). An expired URL is replaced by a fresh one
 * once; transient network failures are retried with backoff; a body shorter than its Content-Length is
 * an error, never a manifest. The final file is never half-written and never replaces a file unasked.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { GetJobManifestCommand } from '@aws-sdk/client-snowball';
import type { JobRefInfo, ManifestResultInfo } from '../contract';
import { AppError } from './app-error';
import { toAppError } from './aws-errors';
import { writeFileAtomic } from './fs/atomic-write';
import type { AwsSession } from './session';

export interface DownloadOptions {
  /** Replace an existing file of the same name (the user said so). */
  overwrite?: boolean;
  /** File name inside the folder; default `<JobId>_manifest.bin`. */
  fileName?: string;
  now: () => number;
  onProgress?: (received: number, total: number | null) => void;
  signal?: AbortSignal;
  /** Download attempts per URL for transient failures. */
  attempts?: number;
  /** Backoff before the n-th retry (ms). */
  backoffMs?: (attempt: number) => number;
  fetchImpl?: typeof fetch;
}

export function defaultManifestName(jobId: string): string {
  return `${jobId}_manifest.bin`;
}

export async function downloadManifest(
  session: AwsSession,
  job: JobRefInfo,
  folder: string,
  options: DownloadOptions,
): Promise<ManifestResultInfo> {
  const destination = path.join(folder, options.fileName ?? defaultManifestName(job.jobId));
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? ((n: number) => 250 * 4 ** (n - 1));
  let urlsRequested = 0;

  for (;;) {
    const url = await requestUrl(session, job);
    urlsRequested++;
    // Every request counts against `attempts`, whether a fresh download or a resumed one.
    for (let used = 0; ;) {
      try {
        const result = await fetchInto(url, destination, { ...options, attempts: attempts - used });
        return { ...result, urlsRequested };
      } catch (error) {
        if (error instanceof UrlExpired) {
          if (urlsRequested >= 2) {
            throw new AppError(
              'DOWNLOAD_FAILED',
              'The manifest link from AWS expired before it could be used, twice. Check that this computer’s clock is right, then try again.',
              { retryable: true },
            );
          }
          break; // ask AWS for a fresh URL
        }
        if (error instanceof Transient) used += error.requests;
        if (error instanceof Transient && used < attempts && !options.signal?.aborted) {
          await sleep(backoff(used), options.signal);
          continue;
        }
        if (error instanceof Transient) {
          throw new AppError('DOWNLOAD_FAILED', `${error.message} Nothing was saved. Try again.`, {
            retryable: true,
          });
        }
        throw error;
      }
    }
  }
}

async function requestUrl(session: AwsSession, job: JobRefInfo): Promise<string> {
  try {
    const out = await session.snowball(job.region).send(new GetJobManifestCommand({ JobId: job.jobId }));
    if (!out.ManifestURI)
      throw new AppError('DOWNLOAD_FAILED', 'AWS returned no manifest link. Try again.', { retryable: true });
    return out.ManifestURI;
  } catch (error) {
    throw toAppError(error, {
      action: 'get the manifest',
      region: job.region,
      jobId: job.jobId,
      profile: session.profile,
    });
  }
}

class UrlExpired extends Error {}
/** A failure worth retrying, after `requests` requests were spent on it. */
class Transient extends Error {
  constructor(
    message: string,
    readonly requests = 1,
  ) {
    super(message);
  }
}

async function fetchInto(
  url: string,
  destination: string,
  options: DownloadOptions,
): Promise<Omit<ManifestResultInfo, 'urlsRequested'>> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    if (options.signal?.aborted)
      throw new AppError('DOWNLOAD_FAILED', 'The download was cancelled. Nothing was saved.');
    throw new Transient(`The manifest download could not connect (${describeFetchError(error)}).`);
  }
  if (response.status === 403) {
    const body = await response.text();
    if (/<Code>AccessDenied<\/Code>/.test(body) && /expired/i.test(body)) throw new UrlExpired();
    throw new AppError(
      'DOWNLOAD_FAILED',
      'AWS refused the manifest download (the link was not accepted). Nothing was saved. Try again; if it keeps failing, check this computer’s clock.',
      { retryable: true },
    );
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new Transient(`The manifest server answered ${response.status}.`);
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new AppError(
      'DOWNLOAD_FAILED',
      `The manifest download failed (HTTP ${response.status}). Nothing was saved. Try again.`,
      {
        retryable: true,
      },
    );
  }

  const lengthHeader = response.headers.get('content-length');
  const expected = lengthHeader === null ? null : Number(lengthHeader);
  const hash = createHash('sha256');
  let received = 0;
  const attempts = Math.max(1, options.attempts ?? 3);

  // A body that breaks off is resumed where it stopped (HTTP Range, as S3 serves it) into the same
  // private temporary file, up to `attempts` times; the whole length is checked at the end.
  async function* checked(): AsyncIterable<Uint8Array> {
    let body = response.body as unknown as AsyncIterable<Uint8Array>;
    for (let resumes = 0; ; resumes++) {
      let broke: unknown = null;
      try {
        for await (const chunk of body) {
          received += chunk.byteLength;
          options.onProgress?.(received, expected);
          yield chunk;
        }
      } catch (error) {
        if (options.signal?.aborted)
          throw new AppError('DOWNLOAD_FAILED', 'The download was cancelled. Nothing was saved.');
        broke = error;
      }
      const short = expected !== null && received < expected;
      if (!broke && !short) break;
      if (expected === null || resumes + 1 >= attempts) {
        throw new Transient(
          broke
            ? `The manifest download broke off after ${received} bytes (${describeFetchError(broke)}).`
            : `The manifest arrived incomplete (${received} of ${expected} bytes).`,
          resumes + 1,
        );
      }
      body = await resumeFrom(url, received, expected, options, resumes + 2);
    }
    if (expected !== null && received !== expected) {
      throw new Transient(`The manifest arrived longer than announced (${received} of ${expected} bytes).`);
    }
  }

  const bytes = await writeFileAtomic(destination, checked(), {
    overwrite: options.overwrite ?? false,
    onChunk: (chunk) => hash.update(chunk),
  });
  return {
    path: destination,
    bytes,
    sha256: hash.digest('hex'),
    fetchedAt: options.now(),
    urlExpiresAt: presignedExpiry(url),
  };
}

/** The rest of the object from `offset`: a 206 whose Content-Range continues exactly where we stopped. */
async function resumeFrom(
  url: string,
  offset: number,
  total: number,
  options: DownloadOptions,
  requests: number,
): Promise<AsyncIterable<Uint8Array>> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { Range: `bytes=${offset}-` },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new Transient(`The manifest download could not resume (${describeFetchError(error)}).`, requests);
  }
  const range = response.headers.get('content-range');
  if (response.status !== 206 || range !== `bytes ${offset}-${total - 1}/${total}` || !response.body) {
    await response.body?.cancel();
    throw new Transient(`The manifest download could not resume (HTTP ${response.status}).`, requests);
  }
  return response.body as unknown as AsyncIterable<Uint8Array>;
}

/** X-Amz-Date + X-Amz-Expires of a SigV4 presigned URL, as epoch ms. */
export function presignedExpiry(url: string): number | null {
  try {
    const params = new URL(url).searchParams;
    const date = params.get('X-Amz-Date') ?? '';
    const expires = Number(params.get('X-Amz-Expires') ?? NaN);
    if (!/^\d{8}T\d{6}Z$/.test(date) || !Number.isFinite(expires)) return null;
    // 20261125T090000Z → 2026-11-25T09:00:00Z
    const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`;
    const issued = Date.parse(iso);
    return Number.isNaN(issued) ? null : issued + expires * 1000;
  } catch {
    return null;
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message ?? 'unknown error';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
