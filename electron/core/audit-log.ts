/**
 * The audit log: what the app did for which job, appended as JSON lines to a file in the app's data
 * folder (0600). It records places, hashes and outcomes, never a secret: every text field passes the
 * redaction step, and the entry shape has no field for a code or a key.
 */
import { appendFile, readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { auditEntrySchema as entrySchema } from '../contract';
import { writeFileAtomic } from './fs/atomic-write';
import type { Clock } from './ports';
import { redactSecrets } from './redact';

/** The contract's entry, strict: a field the contract does not name (a code, a key) cannot ride along. */
export const auditEntrySchema = entrySchema.strict();

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Omit<AuditEntry, 'time'>;

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
  async exportTo(destination: string, overwrite = false): Promise<number> {
    await this.queue;
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return writeFileAtomic(destination, text, { overwrite });
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
