/**
 * The audit log: what the app did for which job, appended as JSON lines to a file in the app's data
 * folder (0600). It records places, hashes and outcomes, never a secret: every text field passes the
 * redaction step, and the entry shape has no field for a code or a key.
 */
import { appendFile, readFile } from 'node:fs/promises';
import type { z } from 'zod';
import {
  auditEntrySchema as entrySchema,
  type ErrorCode,
  type HandlerInput,
  type HandlerOutput,
} from '../contract';
import { AppError } from './app-error';
import { writeFileAtomic } from './fs/atomic-write';
import type { Clock } from './ports';
import { redactSecrets } from './redact';

/** The contract's entry, strict: a field the contract does not name (a code, a key) cannot ride along. */
export const auditEntrySchema = entrySchema.strict();

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Omit<AuditEntry, 'time'>;
/** What an entry says besides its action and outcome: the job, the place, a hash, a detail. */
export type AuditFields = Omit<AuditInput, 'action' | 'outcome'>;

/** How `audited` records what the work came to; each may say null: nothing worth an entry. */
export interface Outcomes<T> {
  /** What a success adds to the entry (default: nothing). */
  ok?: (result: T) => AuditFields | null;
  /**
   * What a failure adds, from its code (default: the code as the detail). `outcome: 'cancelled'` for a
   * failure that is the person's own choice.
   */
  failed?: (code: ErrorCode) => (AuditFields & { outcome?: 'failed' | 'cancelled' }) | null;
}

/** What the audit log keeps of a failure: its code, never its text. */
export function codeOf(error: unknown): ErrorCode {
  return error instanceof AppError ? error.code : 'INTERNAL';
}

export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry; appends are serialised so lines never interleave. */
  record(input: AuditInput): Promise<void> {
    const entry = auditEntrySchema.parse({
      ...redactEntry(input),
      time: new Date(this.clock.now()).toISOString(),
    });
    const line = `${JSON.stringify(entry)}\n`;
    this.queue = this.queue.then(() => appendFile(this.file, line, { mode: 0o600 }));
    return this.queue;
  }

  /** Records, without ever failing the work it records (a full disk does not stop an unlock). */
  async note(input: AuditInput): Promise<void> {
    try {
      await this.record(input);
    } catch {
      // the log could not be written: the work goes on
    }
  }

  /**
   * Runs `work` and records what it came to: `ok` with what the result adds, or `failed` with the error's
   * code (see Outcomes); the error goes on to the caller.
   */
  async audited<T>(
    action: AuditInput['action'],
    fields: AuditFields,
    work: () => Promise<T>,
    outcomes: Outcomes<T> = {},
  ): Promise<T> {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const code = codeOf(error);
      const failed = outcomes.failed ? outcomes.failed(code) : {};
      if (failed) await this.note({ action, outcome: 'failed', ...fields, detail: code, ...failed });
      throw error;
    }
    const ok = outcomes.ok ? outcomes.ok(result) : {};
    if (ok) await this.note({ action, outcome: 'ok', ...fields, ...ok });
    return result;
  }

  /** The log, oldest first, for the window. */
  async list(): Promise<HandlerOutput<'listAuditEntries'>> {
    return { entries: await this.entries() };
  }

  /** Entries newest last; a damaged line is skipped rather than hiding the rest. */
  async entries(): Promise<AuditEntry[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          const parsed = auditEntrySchema.safeParse(JSON.parse(line));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
  }

  /** Copies the log to a place the user chose (over an existing file only when the user said so). */
  async exportTo(destination: string, { overwrite = false } = {}): Promise<number> {
    await this.queue;
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return writeFileAtomic(destination, text, { overwrite });
  }

  /** The window's export: the copy, then an entry saying where it went. */
  async export({
    path,
    overwrite,
  }: HandlerInput<'exportAuditLog'>): Promise<HandlerOutput<'exportAuditLog'>> {
    const bytes = await this.exportTo(path, { overwrite: overwrite ?? false });
    await this.note({ action: 'export-audit-log', outcome: 'ok', path });
    return { path, bytes };
  }
}

function redactEntry(input: AuditInput): AuditInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    out[key] =
      typeof value === 'string' && key !== 'action' && key !== 'outcome' ? redactSecrets(value) : value;
  }
  return out as AuditInput;
}
