/**
 * The unlock code's life in a running app: fetched from AWS or entered offline, held in the vault, shown,
 * copied, saved apart from the manifest, forgotten; and handed to a client run with where it came from.
 * Electron-free; each method takes its channel's input as the contract parsed it and answers its output.
 */
import path from 'node:path';
import type { Answer, HandlerInput as In, UnlockCodeHandleInfo } from '../contract';
import { AppError } from './app-error';
import type { AuditLog } from './audit-log';
import type { CodeOrigin } from './client/client-words';
import { readSmallFile } from './fs/read-small-file';
import { checkSeparation, type SeparationEnv } from './separation';
import type { AwsSession } from './session';
import type { SettingsStore } from './settings';
import type { UnlockCodeVault } from './unlock-code';
import { fetchUnlockCode } from './unlock-code';

export interface UnlockCodeServiceOptions {
  vault: UnlockCodeVault;
  settings: SettingsStore;
  audit: AuditLog;
  /** The connection, for fetching a code from AWS (NOT_CONNECTED without one). */
  session: () => AwsSession;
  separationEnv?: SeparationEnv;
}

/** A held code as a client run gets it: the code, its job, and where it came from (for advice). */
export interface CodeForRun {
  code: string;
  jobId: string | null;
  origin: CodeOrigin;
}

/** The job of a code entered without one (the offline path). */
const OFFLINE = 'offline';

/** A job ID in a manifest's file name (`JID…_manifest.bin`, as the console and this app name it). */
const JOB_ID_IN_NAME = /(?:J|M)ID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

export class UnlockCodeService {
  /** Where each held code came from, for advice when it does not match a manifest. */
  private readonly origins = new Map<string, CodeOrigin>();

  constructor(private readonly options: UnlockCodeServiceOptions) {}

  private get vault(): UnlockCodeVault {
    return this.options.vault;
  }

  fetch(job: In<'fetchUnlockCode'>): Answer<'fetchUnlockCode'> {
    return this.options.audit.audited('fetch-unlock-code', job, async () => {
      const handle = await fetchUnlockCode(this.options.session(), job, this.vault);
      this.origins.set(handle.id, { kind: 'aws' });
      return handle;
    });
  }

  async reveal({ handleId }: In<'revealUnlockCode'>): Answer<'revealUnlockCode'> {
    const code = this.vault.reveal(handleId);
    await this.options.audit.note({ action: 'reveal-unlock-code', outcome: 'ok', ...this.jobOf(handleId) });
    return { code };
  }

  /**
   * The audit names the job the held code belongs to; a caller naming another job is refused. `inPage`:
   * the window copies it itself (browser mode) and gets the code back for that.
   */
  async copy({ handleId, jobId, inPage }: In<'copyUnlockCode'>): Answer<'copyUnlockCode'> {
    const job = this.jobOf(handleId, jobId);
    const result = inPage ? this.vault.copyInPage(handleId) : await this.vault.copy(handleId);
    await this.options.audit.note({
      action: 'copy-unlock-code',
      outcome: 'ok',
      ...job,
      ...(inPage ? { detail: 'handed to the browser window to copy to its own clipboard' } : {}),
    });
    return result;
  }

  async forget({ handleId }: In<'forgetUnlockCode'>): Answer<'forgetUnlockCode'> {
    this.vault.forget(handleId);
    this.origins.delete(handleId);
    return {};
  }

  /** Offline path: a code the user typed or pasted. */
  async hold({ code, jobId }: In<'holdUnlockCode'>): Answer<'holdUnlockCode'> {
    const handle = this.vault.hold(
      jobId ?? OFFLINE,
      code,
      'what you entered',
      `Type it again from where you kept it for this job (a file, paper or a password manager).${this.savedCodePlaces(jobId)}`,
    );
    return this.held(handle, { kind: 'typed', expectedIn: null });
  }

  /** Offline path: a code saved to a file earlier (it holds the code and nothing else). */
  async readFile({ path: file, jobId }: In<'readUnlockCodeFile'>): Answer<'readUnlockCodeFile'> {
    const text = await readSmallFile(file, {
      maxBytes: 1024,
      what: 'a saved unlock code',
      next: 'Choose the file you saved the unlock code in.',
    });
    const handle = this.vault.hold(
      jobId ?? OFFLINE,
      text.toString('utf8'),
      path.basename(file),
      `The file ${file} should hold just the code, on one line, as Snowball Companion saves it: choose the file where you saved this job's code.${this.savedCodePlaces(jobId)}`,
    );
    return this.held(handle, { kind: 'file', path: file, expectedIn: null });
  }

  private held(handle: UnlockCodeHandleInfo, origin: CodeOrigin): UnlockCodeHandleInfo {
    this.origins.set(handle.id, origin);
    return handle;
  }

  /** Where this app saved unlock codes before (this job's, or every job's), as a sentence; '' if nowhere. */
  private savedCodePlaces(jobId: string | null): string {
    const jobs = this.options.settings.get().jobs;
    const folders = jobId
      ? [jobs[jobId]?.codeFolder].filter((f): f is string => Boolean(f))
      : [...new Set(Object.values(jobs).flatMap((j) => (j.codeFolder ? [j.codeFolder] : [])))];
    if (folders.length === 0) return '';
    return ` Snowball Companion saved ${jobId ? "this job's code" : 'unlock codes'} in ${folders.slice(0, 3).join(', ')}.`;
  }

  checkSeparation({ manifestPath, location }: In<'checkSeparation'>): Answer<'checkSeparation'> {
    return checkSeparation(manifestPath, location, this.options.separationEnv);
  }

  /**
   * The separation check compares with the manifest of the job the held code belongs to (remembered in
   * settings, so also after a restart); a caller naming another job is refused.
   */
  save({
    handleId,
    jobId,
    path: target,
    acceptWarnings,
    overwrite,
  }: In<'saveUnlockCode'>): Answer<'saveUnlockCode'> {
    const job = this.jobOf(handleId, jobId);
    const { settings } = this.options;
    return this.options.audit.audited(
      'save-unlock-code',
      { ...job, path: target },
      async () => {
        const saved = await this.vault.save(handleId, {
          path: target,
          manifestPath: (job.jobId && settings.get().jobs[job.jobId]?.manifestPath) || null,
          acceptWarnings,
          overwrite: overwrite ?? false,
        });
        if (job.jobId) await settings.updateJob(job.jobId, { codeFolder: path.dirname(target) });
        return saved;
      },
      { ok: (saved) => ({ detail: saved.separation.verdict }) },
    );
  }

  /** The held code for a client run, with its job and where it came from (and where it was saved). */
  forRun(handleId: string, manifestPath: string): CodeForRun {
    const code = this.vault.reveal(handleId);
    const jobId = this.jobOf(handleId).jobId ?? null;
    return { code, jobId, origin: this.originOf(handleId, manifestPath, jobId) };
  }

  /** The held code's text, for core's own use (a client run, the device's keys); never logged. */
  codeOf(handleId: string): string {
    return this.vault.reveal(handleId);
  }

  /**
   * The job a held code belongs to, for the audit log and the separation check; none for a code entered
   * without a job. When the caller names a job, it must be that one.
   */
  jobOf(handleId: string, claimedJobId?: string): { jobId?: string } {
    const jobId = this.vault.jobIdOf(handleId);
    if (jobId === OFFLINE) return {};
    if (claimedJobId !== undefined && claimedJobId !== jobId) {
      throw new AppError(
        'VALIDATION',
        `This unlock code belongs to job ${jobId}, not ${claimedJobId}. Nothing was done: fetch the unlock code of the job you are receiving.`,
      );
    }
    return { jobId };
  }

  /** Where this run's code came from, and where this job's code was saved when it was received. */
  private originOf(handleId: string, manifestPath: string, jobId: string | null): CodeOrigin {
    const origin = this.origins.get(handleId) ?? { kind: 'aws' };
    if (origin.kind === 'aws') return origin;
    const job = jobId ?? JOB_ID_IN_NAME.exec(path.basename(manifestPath))?.[0] ?? null;
    const expectedIn = job ? (this.options.settings.get().jobs[job]?.codeFolder ?? null) : null;
    return { ...origin, expectedIn };
  }
}
