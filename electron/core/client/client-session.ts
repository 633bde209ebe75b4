/**
 * The one place that runs Snowball client commands with the unlock code: the code goes into the
 * client's own profile file inside a private config home (profile-home.ts) and the command gets
 * `--profile NAME`, so no process's arguments ever hold it. Every command of a session shares that home;
 * closing the session removes it. Output is redacted line by line, knowing the code in every spelling,
 * before anyone sees it. The legacy client, which has no profiles, gets no home (its caller passes the
 * code as an argument, and only after the person agreed).
 */
import type { Clock } from '../ports';
import { LineRedactor, codeSpans } from '../redact';
import { withJvmHome } from './client-env';
import { runClientProcess, type ClientProcess, type ClientProgram, type OutputLine } from './client-process';
import type { ProfileHome, ProfileHomes, SnowballProfile } from './profile-home';

export interface SessionOptions {
  program: ClientProgram;
  /** The credential-free environment the client gets (client-env.ts). */
  env: NodeJS.ProcessEnv;
  cwd: string;
  clock: Clock;
  killGraceMs?: number;
}

export interface CommandOptions {
  timeoutMs: number;
  onLine?: (line: OutputLine) => void;
  /** The unredacted lines, for core's parsing only (client-process.ts). */
  raw?: (line: OutputLine) => void;
  stdin?: string;
}

export class ClientSession {
  private closed: Promise<void> | null = null;

  private constructor(
    private readonly options: SessionOptions,
    private readonly code: string,
    private readonly home: ProfileHome | null,
    private readonly onClose: () => void,
  ) {}

  /** A session whose commands read the code from a fresh private profile. */
  static async withProfile(
    homes: ProfileHomes,
    profile: SnowballProfile,
    options: SessionOptions,
    hooks: { created?(dir: string): void; removed?(dir: string): void } = {},
  ): Promise<ClientSession> {
    const home = await homes.create(profile);
    hooks.created?.(home.dir);
    return new ClientSession(options, profile.unlockCode, home, () => hooks.removed?.(home.dir));
  }

  /** A session without a profile: for the legacy client, and commands that need no code. */
  static withoutProfile(code: string, options: SessionOptions): ClientSession {
    return new ClientSession(options, code, null, () => undefined);
  }

  /** The profile name to pass with --profile (null without a profile). */
  get profile(): string | null {
    return this.home?.profile ?? null;
  }

  /** The profile whose endpoint is the `index`-th address (a cluster's nodes in turn), or the first. */
  profileFor(index: number): string | null {
    const names = this.home?.profiles ?? [];
    return names[index % Math.max(1, names.length)] ?? this.profile;
  }

  run(args: readonly string[], command: CommandOptions): ClientProcess {
    const { program, env, cwd, clock, killGraceMs } = this.options;
    const redactor = new LineRedactor([this.code]);
    return runClientProcess(program, args, {
      env: this.home ? withJvmHome(env, this.home.dir) : env,
      cwd,
      clock,
      timeoutMs: command.timeoutMs,
      redact: (line) => redactor.redact(line),
      protect: (text) => codeSpans(text, [this.code]),
      ...(command.onLine ? { onLine: command.onLine } : {}),
      ...(command.raw ? { raw: command.raw } : {}),
      ...(command.stdin === undefined ? {} : { stdin: command.stdin }),
      ...(killGraceMs === undefined ? {} : { killGraceMs }),
    });
  }

  /** Removes the private home (once; later calls wait for the same removal). */
  close(): Promise<void> {
    this.closed ??= (async () => {
      if (!this.home) return;
      await this.home.remove();
      this.onClose();
    })();
    return this.closed;
  }
}
