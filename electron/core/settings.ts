/**
 * The settings store: the choices worth remembering between launches (profile, regions, the Snowball
 * client's path and the client files the person vouched for, per-job device IPs and folders), as JSON in
 * the app's data folder, written atomically. The schema has no place for a secret. A damaged file is set
 * aside, never silently lost.
 */
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import {
  jobSettingsSchema,
  settingsSchema as shownSettingsSchema,
  trustedClientSchema,
  type HandlerInput,
} from '../contract';
import { writeFileAtomic } from './fs/atomic-write';
import type { Clock } from './ports';

const windowStateSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(200).max(20000),
    height: z.number().int().min(200).max(20000),
    maximized: z.boolean(),
  })
  .strict();

/**
 * The file: what the window is shown (the contract's settings), strict, and what only main keeps: the
 * file's version, the desktop window's last place and size, where each job's manifest was saved (after a
 * restart the code is still kept apart from it).
 */
export const settingsSchema = shownSettingsSchema
  .extend({
    version: z.literal(1),
    jobs: z.record(
      z.string().max(64),
      jobSettingsSchema.extend({ manifestPath: z.string().max(4096).optional() }).strict(),
    ),
    window: windowStateSchema.optional(),
    trustedClients: z.array(trustedClientSchema.strict()).max(16).optional(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type JobSettings = Settings['jobs'][string];
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  profile: null,
  partition: 'aws',
  regions: null,
  clientPath: null,
  jobs: {},
};

export class SettingsStore {
  private current: Settings = DEFAULT_SETTINGS;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly clock: Clock,
  ) {}

  /** Reads the file; a missing file means defaults, a damaged one is renamed aside and reported. */
  async load(): Promise<{ settings: Settings; setAside: string | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { settings: (this.current = DEFAULT_SETTINGS), setAside: null };
      throw error;
    }
    try {
      this.current = settingsSchema.parse(JSON.parse(text));
      return { settings: this.current, setAside: null };
    } catch {
      const aside = `${this.file}.damaged-${new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.file, aside);
      this.current = DEFAULT_SETTINGS;
      return { settings: this.current, setAside: aside };
    }
  }

  get(): Settings {
    return this.current;
  }

  /** Applies a change and writes the whole file atomically; writes are serialised. */
  update(change: (settings: Settings) => Settings): Promise<Settings> {
    const next = settingsSchema.parse(change(structuredClone(this.current)));
    this.current = next;
    const write = this.queue.then(() =>
      writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, { overwrite: true, mode: 0o600 }),
    );
    this.queue = write.catch(() => undefined);
    return write.then(() => next);
  }

  updateJob(jobId: string, change: Partial<JobSettings>): Promise<Settings> {
    return this.update((s) => ({ ...s, jobs: { ...s.jobs, [jobId]: { ...s.jobs[jobId], ...change } } }));
  }

  /** A job's device addresses and folders, as the window tells them. */
  rememberJob({ jobId, ...change }: HandlerInput<'rememberJob'>): Promise<Settings> {
    return this.updateJob(jobId, change);
  }

  /** The regions to search at the next start; none: the connection's defaults again. */
  rememberRegions({ regions }: HandlerInput<'rememberRegions'>): Promise<Settings> {
    return this.update((s) => ({ ...s, regions: regions.length > 0 ? [...new Set(regions)] : null }));
  }

  rememberWindow(window: WindowState): Promise<Settings> {
    return this.update((s) => ({ ...s, window }));
  }
}
