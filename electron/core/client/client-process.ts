/**
 * One run of a Snowball client command: started with an argument array (no shell), its output read as
 * whole lines and redacted before anything else sees them, a timeout, and a kill that takes the client's
 * children with it. The program is a file on disk (spawned) or the demo's simulated client (in this
 * process); everything after the start is the same code for both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../ports';
import { spawnPlan } from './command-lines';
import { killTree } from './kill-tree';
import { LineSplitter, type Spans } from './line-splitter';

export type Stream = 'stdout' | 'stderr';

/** How long to wait for the output pipes after the client exited. */
const PIPE_DRAIN_MS = 1000;

export interface OutputLine {
  stream: Stream;
  line: string;
}

export interface ClientExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started (ENOENT, EACCES, …). */
  error: NodeJS.ErrnoException | null;
  timedOut: boolean;
  /** Every line, already redacted. */
  lines: OutputLine[];
}

/** What a started client looks like from here: a child process, or something that behaves like one. */
export interface StartedClient {
  readonly pid?: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  readonly stdin: Writable | null;
  once(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  once(
    event: 'exit' | 'close',
    listener: (code: number | null, signal: NodeJS.Signals | null) => void,
  ): unknown;
  /** Stops it and whatever it started; resolves when they are gone. */
  killTree(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input is a pipe (for `configure`'s answers); otherwise /dev/null. */
  stdin: boolean;
}

/** A Snowball client that can run commands. */
export interface ClientProgram {
  start(args: readonly string[], options: StartOptions): StartedClient;
}

/** The client as a file on disk: spawned directly (or through cmd.exe for a .cmd/.bat on Windows). */
export function fileProgram(file: string, platform: NodeJS.Platform = process.platform): ClientProgram {
  return {
    start(args, options) {
      const plan = spawnPlan(file, args, platform, options.env.ComSpec ?? options.env.COMSPEC);
      const child: ChildProcess = spawn(plan.command, plan.args, {
        cwd: options.cwd,
        env: options.env,
        stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        // Its own process group, so a kill reaches the Java runtime the client script starts.
        detached: platform !== 'win32',
        windowsHide: true,
        windowsVerbatimArguments: plan.windowsVerbatimArguments,
      });
      return Object.assign(child, {
        killTree: (graceMs?: number) =>
          killTree(child, { platform, ...(graceMs === undefined ? {} : { graceMs }) }),
      });
    },
  };
}

export interface ClientProcessOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  clock: Clock;
  timeoutMs: number;
  /** Applied to every line before it is kept or passed on: the unlock code must not leave here. */
  redact: (line: string) => string;
  /** Spans a long line must not be cut inside (where a code may be). */
  protect?: Spans;
  onLine?: (line: OutputLine) => void;
  /**
   * Every line as the client printed it, before redaction: only for core's own parsing of output that is
   * itself a secret or looks like one (a device's keys, its certificate). Nothing it sees may leave core.
   */
  raw?: (line: OutputLine) => void;
  /** Written to the client's standard input, which is then closed (otherwise it is /dev/null). */
  stdin?: string;
  killGraceMs?: number;
}

export interface ClientProcess {
  readonly pid: number | undefined;
  /** Resolves once the client has exited (never rejects). */
  readonly exit: Promise<ClientExit>;
  /** Kills the client and its children; resolves when it has exited. */
  kill(): Promise<void>;
}

export function runClientProcess(
  program: ClientProgram,
  args: readonly string[],
  options: ClientProcessOptions,
): ClientProcess {
  const lines: OutputLine[] = [];
  let timedOut = false;
  let child: StartedClient;
  try {
    child = program.start(args, { env: options.env, cwd: options.cwd, stdin: options.stdin !== undefined });
  } catch (error) {
    // spawn() throws synchronously for a few argument errors (EINVAL on Windows, a NUL in a path).
    const exit = { code: null, signal: null, error: error as NodeJS.ErrnoException, timedOut, lines };
    return { pid: undefined, exit: Promise.resolve(exit), kill: async () => undefined };
  }

  const splitters = (['stdout', 'stderr'] as const).map((stream) => {
    const splitter = new LineSplitter(
      (raw) => {
        options.raw?.({ stream, line: raw });
        const line = { stream, line: options.redact(raw) };
        lines.push(line);
        options.onLine?.(line);
      },
      undefined,
      options.protect,
    );
    child[stream]?.on('data', (chunk: Buffer) => splitter.push(chunk));
    return splitter;
  });
  if (options.stdin !== undefined) {
    child.stdin?.on('error', () => undefined); // a client that exits without reading its input
    child.stdin?.end(options.stdin);
  }

  let killing: Promise<void> | null = null;
  const kill = () => (killing ??= child.killTree(options.killGraceMs));
  const cancelTimeout = options.clock.setTimeout(() => {
    timedOut = true;
    void kill();
  }, options.timeoutMs);

  const exit = new Promise<ClientExit>((resolve) => {
    let settled = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    let cancelDrain: () => void = () => undefined;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      cancelTimeout();
      cancelDrain();
      for (const splitter of splitters) splitter.end();
      resolve({ code, signal, error: spawnError, timedOut, lines });
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      // A process that never started emits no 'close' on every platform: settle here.
      if (child.pid === undefined) finish(null, null);
    });
    // 'close' comes after the output pipes are drained, so no line is lost.
    child.once('close', (code, signal) => finish(code, signal));
    // Something the client left running may hold its pipes open: do not wait for it beyond a moment.
    child.once('exit', (code, signal) => {
      cancelDrain = options.clock.setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code, signal);
      }, PIPE_DRAIN_MS);
    });
  });

  return { pid: child.pid, exit, kill };
}
