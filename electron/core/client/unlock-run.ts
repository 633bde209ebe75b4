/**
 * One unlock, from the first command to a final state. Snowball Edge: `unlock-device` (or
 * `unlock-cluster`) returns at once ("…is unlocking…"), then `describe-device` (`describe-cluster`) is
 * run on an interval until every device reports UNLOCKED. Legacy Snowball: `snowball start`, then
 * `snowball status`. The code reaches the client through the session's private profile.
 *
 * Every status check is reported (one summary line, each node's state, the client's other words). A
 * device that stops answering status checks while it restarts its services is waited for, for a stated
 * time (quietLimitMs), not a count of failures. It ends exactly once: UNLOCKED; failed (the unlock
 * command failed, the code does not match, LOCKED again after UNLOCKING, or quiet too long); timed-out;
 * or cancelled. The running client (with its children) is stopped and the private profile removed on
 * every end.
 */
import type { UnlockState } from '../../contract';
import type { Clock } from '../ports';
import { redactSecrets } from '../redact';
import type { ClientExit, OutputLine } from './client-process';
import type { ClientSession } from './client-session';
import {
  commandFailure,
  duration,
  saysCodeMismatch,
  statusProblem,
  type CodeOrigin,
  type ExplainContext,
} from './client-words';
import { statusArgs, unlockArgs, type ClientKind, type UnlockTarget } from './command-lines';
import {
  devicesOnHosts,
  overallState,
  parseDescribe,
  parseLegacyStatus,
  summaryOf,
  type DeviceState,
} from './describe-parse';
import type { EventPayload } from '../../contract';
import type { UnlockEvents } from './launcher';

export interface UnlockTiming {
  /** Between two status checks. */
  pollIntervalMs: number;
  /** From start to UNLOCKED, at most. */
  unlockTimeoutMs: number;
  /** One client command, at most. */
  commandTimeoutMs: number;
  /** How long status checks may go unanswered (the device restarts services while it unlocks). */
  quietLimitMs: number;
  /** How long an unlock usually takes, for the window. */
  expectedMs: number;
  killGraceMs?: number;
}

export interface UnlockRunOptions extends UnlockTiming {
  runId: string;
  kind: ClientKind;
  target: UnlockTarget;
  events: UnlockEvents;
  clock: Clock;
  /** Opens the session the run's commands share (it makes the private profile). */
  openSession: () => Promise<ClientSession>;
  probePassed: boolean;
  codeOrigin: CodeOrigin;
  simulated: boolean;
}

type FinalState = Extract<UnlockState, 'UNLOCKED' | 'failed' | 'cancelled' | 'timed-out'>;

export class UnlockRun {
  private session: ClientSession | null = null;
  private current: { kill(): Promise<void> } | null = null;
  private cancelPoll: (() => void) | null = null;
  private cancelDeadline: (() => void) | null = null;
  private ended = false;
  /** The addresses that have reported UNLOCKING (or further): LOCKED again there means it did not complete. */
  private readonly progressed = new Set<string>();
  /** Which node's endpoint the cluster's status checks go to: the next one after a check goes unanswered. */
  private endpoint = 0;
  private view: Omit<EventPayload<'unlockStatus'>, 'runId' | 'message'>;
  private lastState: DeviceState | null = null;
  private resolveDone: () => void = () => undefined;
  /** Resolves once the run has ended, its client is gone and its private profile removed. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(private readonly options: UnlockRunOptions) {
    this.view = {
      state: 'starting',
      phase: 'client-started',
      devices: options.target.hosts.map((host) => ({
        host,
        state: 'UNKNOWN',
        reachable: null,
        deviceId: null,
      })),
      notes: [],
      startedAt: options.clock.now(),
      expectedMs: options.expectedMs,
      quietSince: null,
      quietLimitMs: options.quietLimitMs,
      simulated: options.simulated,
    };
  }

  private get command(): string {
    const first = unlockArgs(this.options.kind, this.options.target, '')[0];
    return `${this.options.kind} ${first}`;
  }

  start(): void {
    // Cancelled (or stopped by quitting) before it began: nothing to start.
    if (this.ended) return;
    const { unlockTimeoutMs, clock } = this.options;
    this.status(`Starting the Snowball client (${this.command}).`);
    this.cancelDeadline = clock.setTimeout(
      () => void this.end('timed-out', this.timeoutMessage()),
      unlockTimeoutMs,
    );
    void this.unlock().catch((error: unknown) => this.crashed(error));
  }

  /** Something this code did not expect: the run ends as failed rather than hanging (no secret in it). */
  private crashed(error: unknown): void {
    const why = error instanceof Error ? error.message : String(error);
    void this.end('failed', `Snowball Companion could not follow the unlock: ${why}. Try again.`);
  }

  cancel(): Promise<void> {
    return this.end('cancelled', 'Stopped at your request.');
  }

  private context(step: string): ExplainContext {
    const { commandTimeoutMs, probePassed, codeOrigin } = this.options;
    return { step, timeoutMs: commandTimeoutMs, probePassed, codeOrigin };
  }

  private async unlock(): Promise<void> {
    try {
      this.session = await this.options.openSession();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return void this.end('failed', `The client’s private profile could not be prepared: ${why}`);
    }
    if (this.ended) return void this.session.close();
    const args = unlockArgs(this.options.kind, this.options.target, this.session.profile ?? '');
    this.view.phase = 'authenticating';
    this.status('The client is authenticating with the device: it checks the manifest and the unlock code.');
    const exit = await this.run(args, true);
    if (this.ended || !exit) return;
    const failure = commandFailure(exit, this.context(this.command));
    if (failure) return void this.end('failed', failure);
    this.view.phase = 'unlocking';
    this.status(
      `The device accepted the unlock. Its state is checked every ${duration(this.options.pollIntervalMs)}.`,
    );
    this.poll();
  }

  private poll(): void {
    if (this.ended) return;
    void this.checkStatus().catch((error: unknown) => this.crashed(error));
  }

  private async checkStatus(): Promise<void> {
    const { kind, target, clock } = this.options;
    const args = statusArgs(kind, target, this.session?.profileFor(this.endpoint) ?? '');
    const step = `${kind} ${args[0]}`;
    const exit = await this.run(args, false);
    if (this.ended || !exit) return;
    if (saysCodeMismatch(exit.lines)) {
      this.show(exit.lines);
      return void this.end('failed', commandFailure(exit, this.context(step)));
    }
    const text = exit.lines.map((l) => l.line).join('\n');
    const report = exit.code === 0 ? (kind === 'snowball' ? parseLegacyStatus : parseDescribe)(text) : null;
    if (!report) return this.quiet(exit, step);

    this.view.quietSince = null;
    this.view.devices = devicesOnHosts(target.hosts, report);
    this.view.notes = report.words;
    const state = overallState(this.view.devices);
    // The full description only when something changed; every check still gets its summary line.
    if (state !== this.lastState) this.show(exit.lines);
    this.lastState = state;
    this.view.state = state;
    const summary = summaryOf(this.view.devices);
    if (state === 'UNLOCKED') {
      this.view.phase = 'unlocked';
      return void this.end(
        'UNLOCKED',
        `${summary} Unlocked in ${duration(clock.now() - this.view.startedAt)}.`,
      );
    }
    const relocked = this.view.devices.filter((d) => d.state === 'LOCKED' && this.progressed.has(d.host));
    if (relocked.length > 0) {
      const which = target.hosts.length > 1 ? ` (${relocked.map((d) => d.host).join(', ')})` : '';
      return void this.end(
        'failed',
        `The device went back to LOCKED after UNLOCKING${which}, so the unlock did not complete. ${summary} ` +
          'Check the device’s LCD display, then try again.',
      );
    }
    for (const d of this.view.devices)
      if (d.state === 'UNLOCKING' || d.state === 'UNLOCKED') this.progressed.add(d.host);
    this.status(summary);
    this.schedulePoll();
  }

  /** A status check without a state: waited for until quietLimitMs, said in the window meanwhile. */
  private quiet(exit: ClientExit, step: string): void {
    const { clock, quietLimitMs } = this.options;
    this.show(exit.lines);
    const now = clock.now();
    this.view.quietSince ??= now;
    const problem = statusProblem(exit, this.context(step));
    // Any node reports every node: a cluster's next check asks the next node.
    const hosts = this.options.target.hosts;
    const next = hosts.length > 1 ? ` The next check asks ${hosts[(this.endpoint + 1) % hosts.length]}.` : '';
    if (hosts.length > 1) this.endpoint = (this.endpoint + 1) % hosts.length;
    if (now - this.view.quietSince >= quietLimitMs) {
      return void this.end(
        'failed',
        `The device has not answered status checks for ${duration(now - this.view.quietSince)}. The last check: ${problem} ` +
          'Check the device’s LCD display and its network cable, then try again.',
      );
    }
    this.status(
      `The device is not answering status checks; this is normal for up to ${duration(quietLimitMs)} while it ` +
        `restarts its services. Checking again.${next} (${problem})`,
    );
    this.schedulePoll();
  }

  private timeoutMessage(): string {
    const waiting = this.view.devices.filter((d) => d.state !== 'UNLOCKED').map((d) => d.host);
    const which =
      this.view.devices.length > 1 && waiting.length > 0 ? ` Not unlocked: ${waiting.join(', ')}.` : '';
    return (
      `The device did not report UNLOCKED within ${duration(this.options.unlockTimeoutMs)}.${which} ` +
      'Check its LCD display, then try again; unlocking can take several minutes.'
    );
  }

  private schedulePoll(): void {
    if (this.ended) return;
    this.cancelPoll = this.options.clock.setTimeout(() => this.poll(), this.options.pollIntervalMs);
  }

  /** Runs one command; its lines stream out live when `live`, else they are kept for show(). */
  private async run(args: string[], live: boolean): Promise<ClientExit | null> {
    const session = this.session;
    if (!session) return null;
    const child = session.run(args, {
      timeoutMs: this.options.commandTimeoutMs,
      ...(live ? { onLine: (line: OutputLine) => this.output(line) } : {}),
    });
    this.current = child;
    const exit = await child.exit;
    if (this.current === child) this.current = null;
    return this.ended ? null : exit;
  }

  private show(lines: readonly OutputLine[]): void {
    for (const line of lines) this.output(line);
  }

  private output(line: OutputLine): void {
    if (!this.ended) this.options.events.output({ runId: this.options.runId, ...line });
  }

  private status(message: string | null): void {
    const safe = message === null ? null : redactSecrets(message, [this.options.target.code]);
    const notes = this.view.notes.map((n) => redactSecrets(n, [this.options.target.code]));
    this.options.events.status({ runId: this.options.runId, ...this.view, notes, message: safe });
  }

  /** The one way a run ends: timers off, the client (and its children) gone, the profile removed, the final status. */
  private async end(state: FinalState, message: string | null): Promise<void> {
    if (this.ended) return this.done;
    this.ended = true;
    this.cancelPoll?.();
    this.cancelDeadline?.();
    const child = this.current;
    this.current = null;
    if (child) await child.kill();
    await this.session?.close().catch(() => undefined);
    this.view.state = state;
    this.status(message);
    this.resolveDone();
  }
}
