/**
 * The unlock code: its format, its redaction, fetching it from AWS, and the vault that keeps it in main's
 * memory for a short time. The renderer only ever gets a handle; the text crosses over when the user asks
 * to see it, goes to the clipboard (and is cleared from there again), or to the one file the user chose
 * after the separation check. It is never logged.
 */
import { randomUUID } from 'node:crypto';
import { GetJobUnlockCodeCommand } from '@aws-sdk/client-snowball';
import type { JobRefInfo, SeparationInfo, UnlockCodeHandleInfo } from '../contract';
import { AppError } from './app-error';
import { toAppError } from './aws-errors';
import { writeFileAtomic } from './fs/atomic-write';
import type { Clipboard, Clock } from './ports';
import { registerSecretCode } from './redact';
import { checkSeparation, type SeparationEnv } from './separation';
import type { AwsSession } from './session';

export { REDACTED_CODE } from './redact';

/** Five groups of five letters or digits, joined by hyphens: 29 characters. */
export const UNLOCK_CODE_PATTERN = /^[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){4}$/;

export function isUnlockCode(value: string): boolean {
  return UNLOCK_CODE_PATTERN.test(value);
}

const FROM_AWS = 'Fetch it again, or copy it from the AWS console (job → Credentials).';

/** `advice`: what to do instead, for where the code came from (the AWS console only where AWS is at hand). */
export function assertUnlockCode(value: string, source: string, advice = FROM_AWS): string {
  const trimmed = value.trim();
  if (!isUnlockCode(trimmed)) {
    throw new AppError(
      'UNLOCK_CODE_MALFORMED',
      `The unlock code from ${source} is not five groups of five letters or digits joined by hyphens. ${advice}`,
    );
  }
  return trimmed;
}

/** GetJobUnlockCode; the code goes straight into the vault and the caller gets a handle. */
export async function fetchUnlockCode(
  session: AwsSession,
  job: JobRefInfo,
  vault: UnlockCodeVault,
): Promise<UnlockCodeHandleInfo> {
  let code: string | undefined;
  try {
    code = (await session.snowball(job.region).send(new GetJobUnlockCodeCommand({ JobId: job.jobId })))
      .UnlockCode;
  } catch (error) {
    throw toAppError(error, { action: 'get the unlock code', ...job, profile: session.profile });
  }
  return vault.hold(job.jobId, code ?? '', 'AWS');
}

export interface VaultOptions {
  clock: Clock;
  clipboard: Clipboard;
  /** How long a fetched code stays in memory. Default 10 minutes. */
  holdMs?: number;
  /** How long the copied code stays on the clipboard. Default 30 seconds. */
  clipboardMs?: number;
  separationEnv?: SeparationEnv;
  /** Told when the clipboard countdown ends: whether the code was cleared or the user had copied something else. */
  onClipboardTimer?: (outcome: 'cleared' | 'left-alone') => void;
}

export interface SaveRequest {
  /** The file to write the code into. */
  path: string;
  /** Where this job's manifest was saved, for the separation check; null when the app does not know. */
  manifestPath: string | null;
  /** The user accepted the warnings of the separation check. */
  acceptWarnings: boolean;
  overwrite?: boolean;
}

interface Held {
  code: string;
  jobId: string;
  expiresAt: number;
  cancelExpiry: () => void;
  /** Every redaction knows the code while it is held. */
  unregister: () => void;
}

export class UnlockCodeVault {
  private readonly held = new Map<string, Held>();
  /** The code copied last, and the countdown that clears it. */
  private copied: { code: string; cancel: () => void } | null = null;
  private readonly holdMs: number;
  private readonly clipboardMs: number;

  constructor(private readonly options: VaultOptions) {
    this.holdMs = options.holdMs ?? 10 * 60_000;
    this.clipboardMs = options.clipboardMs ?? 30_000;
  }

  /** Keeps a freshly fetched code; the format is checked here, once, for every source. */
  hold(jobId: string, code: string, source = 'AWS', advice?: string): UnlockCodeHandleInfo {
    const valid = assertUnlockCode(code, source, advice);
    const id = randomUUID();
    const expiresAt = this.options.clock.now() + this.holdMs;
    const cancelExpiry = this.options.clock.setTimeout(() => this.forget(id), this.holdMs);
    this.held.set(id, { code: valid, jobId, expiresAt, cancelExpiry, unregister: registerSecretCode(valid) });
    return { id, jobId, expiresAt };
  }

  reveal(handleId: string): string {
    return this.get(handleId).code;
  }

  /** The job a held code belongs to ('offline' for one the user entered without a job). */
  jobIdOf(handleId: string): string {
    return this.get(handleId).jobId;
  }

  /**
   * Copies the code (marked for clipboard managers to skip) and clears the clipboard later, unless the user
   * has copied something else since.
   */
  async copy(handleId: string): Promise<{ clearsAt: number }> {
    const { code } = this.get(handleId);
    const { clock, clipboard } = this.options;
    await clipboard.writeSecret(code);
    this.copied?.cancel();
    const cancel = clock.setTimeout(() => {
      this.copied = null;
      void this.clearIfStillOurs(code).then((outcome) => this.options.onClipboardTimer?.(outcome));
    }, this.clipboardMs);
    this.copied = { code, cancel };
    return { clearsAt: clock.now() + this.clipboardMs };
  }

  /** On quit: clears the clipboard now if it still holds the code copied last (what else it holds stays). */
  async clearClipboard(): Promise<void> {
    const copied = this.copied;
    if (!copied) return;
    copied.cancel();
    this.copied = null;
    await this.clearIfStillOurs(copied.code);
  }

  /**
   * For a window that copies the code to its own clipboard (browser mode): the code, and when the window
   * should clear it (the same delay as here). Main's clipboard is left alone.
   */
  copyInPage(handleId: string): { code: string; clearsAt: number } {
    return { code: this.get(handleId).code, clearsAt: this.options.clock.now() + this.clipboardMs };
  }

  private async clearIfStillOurs(code: string): Promise<'cleared' | 'left-alone'> {
    const { clipboard } = this.options;
    const stillOurs = (await clipboard.readText()) === code;
    if (stillOurs) await clipboard.clear();
    return stillOurs ? 'cleared' : 'left-alone';
  }

  /**
   * Writes the code to the chosen file (atomic, 0600) if the separation check allows it. The check judges
   * the folder the writer holds open, so swapping a folder on the path between check and write changes
   * nothing.
   */
  async save(handleId: string, request: SaveRequest): Promise<{ path: string; separation: SeparationInfo }> {
    const { code } = this.get(handleId);
    let separation = unknownManifest();
    await writeFileAtomic(request.path, `${code}\n`, {
      overwrite: request.overwrite ?? false,
      mode: 0o600,
      check: async (folder) => {
        separation = request.manifestPath
          ? await checkSeparation(
              request.manifestPath,
              { kind: 'file', path: request.path },
              this.options.separationEnv,
              folder,
            )
          : unknownManifest();
        enforce(separation, request);
      },
    });
    return { path: request.path, separation };
  }

  forget(handleId: string): void {
    const held = this.held.get(handleId);
    held?.cancelExpiry();
    held?.unregister();
    this.held.delete(handleId);
  }

  /**
   * Codes still in memory. Nothing in the app reads them (redaction learns each code as it is held): the
   * tests and the fault gate check with it that a failure left no code behind.
   */
  knownCodes(): string[] {
    return [...this.held.values()].map((h) => h.code);
  }

  private get(handleId: string): Held {
    const held = this.held.get(handleId);
    if (!held || held.expiresAt <= this.options.clock.now()) {
      this.forget(handleId);
      throw new AppError(
        'UNLOCK_CODE_EXPIRED',
        `The unlock code was cleared from memory (it is kept for ${Math.round(this.holdMs / 60_000)} minutes). Fetch it again.`,
      );
    }
    return held;
  }
}

function enforce(separation: SeparationInfo, { acceptWarnings }: Pick<SaveRequest, 'acceptWarnings'>): void {
  if (separation.verdict === 'block') {
    throw new AppError('SEPARATION_BLOCKED', separation.reasons.map((r) => r.message).join(' '));
  }
  if (separation.verdict === 'warn' && !acceptWarnings) {
    throw new AppError(
      'SEPARATION_UNCONFIRMED',
      `${separation.reasons.map((r) => r.message).join(' ')} Confirm that you accept this, or choose another place.`,
    );
  }
}

function unknownManifest(): SeparationInfo {
  return {
    verdict: 'warn',
    reasons: [
      {
        rule: 'manifest-unknown',
        message:
          'Snowball Companion has not saved this job’s manifest, so it cannot check that the code is kept apart from it.',
      },
    ],
  };
}
