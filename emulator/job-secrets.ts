import type { ManifestSpec } from './manifest-format';
import { encodePreamble, manifestLength, manifestSha256, unlockCodeFromBytes } from './manifest-format';
import type { JobRecord } from './model';
import { deriveBytes } from './rng';

/** A realistic manifest is tens of kilobytes. */
export const DEFAULT_MANIFEST_BYTES = 48 * 1024;

/**
 * Per-job unlock codes and manifests, derived from the seed on first use rather than stored, so 10,000
 * generated jobs cost nothing until someone asks for one of them.
 */
export class JobSecrets {
  private readonly preambles = new Map<string, Buffer>();
  private readonly hashes = new Map<string, Promise<string>>();

  constructor(
    private readonly seed: string,
    readonly manifestBytes: number = DEFAULT_MANIFEST_BYTES,
  ) {}

  unlockCode(jobId: string): string {
    return unlockCodeFromBytes(deriveBytes(this.seed, `unlock-code|${jobId}`));
  }

  payloadKey(jobId: string): Buffer {
    return deriveBytes(this.seed, `manifest-payload|${jobId}`);
  }

  spec(job: JobRecord): ManifestSpec {
    const header: ManifestSpec['header'] = {
      jobId: job.jobId,
      snowballType: job.snowballType,
      region: job.region,
      createdAt: new Date(job.createdAt).toISOString(),
    };
    if (job.clusterId) header.clusterId = job.clusterId;
    const buckets = job.bucketArns.map((arn) => arn.replace(/^arn:[\w-]+:s3:::/, '')).filter(Boolean);
    if (buckets.length > 0) header.buckets = buckets;
    return {
      header,
      unlockCode: this.unlockCode(job.jobId),
      salt: deriveBytes(this.seed, `manifest-salt|${job.jobId}`).subarray(0, 16),
      payloadKey: this.payloadKey(job.jobId),
      totalBytes: this.manifestBytes,
    };
  }

  /** The manifest bytes before the payload (cached: it holds a deliberately slow key derivation). */
  preamble(job: JobRecord): Buffer {
    let p = this.preambles.get(job.jobId);
    if (!p) {
      p = encodePreamble(this.spec(job));
      this.preambles.set(job.jobId, p);
    }
    return p;
  }

  /** Actual file size: the requested size, or the preamble alone when that is larger. */
  manifestSize(job: JobRecord): number {
    return manifestLength(this.preamble(job));
  }

  manifestSha256(job: JobRecord): Promise<string> {
    let h = this.hashes.get(job.jobId);
    if (!h) {
      h = manifestSha256(this.preamble(job), this.payloadKey(job.jobId));
      this.hashes.set(job.jobId, h);
    }
    return h;
  }
}
