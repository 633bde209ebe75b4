/**
 * One unlock, from the first command to a final state. Snowball Edge: `unlock-device` (or
 * `unlock-cluster`) returns at once, then `describe-device` (`describe-cluster`) is run on an interval
 * until every device reports UNLOCKED. Legacy Snowball: `snowball start`, then `snowball status`.
 *
 * It ends exactly once: UNLOCKED; failed (a non-zero exit, output saying the code does not match the
 * manifest, or LOCKED again after UNLOCKING); timed-out; or cancelled. Every line and message is redacted
 * before it leaves, and the running client (with its children) is stopped on every end but success.
 */
import path from 'node:path';
import type { UnlockState } from '../../contract';
import type { Clock } from '../ports';
import { redactSecrets } from '../redact';
import { runClientProcess, type ClientExit, type ClientProcess, type OutputLine } from './client-process';
import { clientWords, duration, failureOf, saysCodeMismatch } from './client-words';
import { statusArgs, unlockArgs, type UnlockTarget } from './command-lines';
import { parseDescribe, parseLegacyStatus, type DeviceState } from './describe-parse';
import type { FoundClient, UnlockEvents } from './launcher';

export interface UnlockTiming {
  /** Between two status checks. */
  pollIntervalMs: number;
  /** From start to UNLOCKED, at most. */
  unlockTimeoutMs: number;
  /** One client command, at most. */
  commandTimeoutMs: number;
  /** Status checks that may fail in a row (the device can be briefly busy) before the run fails. */
  statusFailuresAllowed: number;
  killGraceMs?: number;
}

export interface UnlockRunOptions extends UnlockTiming {
  runId: string;
  client: FoundClient;
  target: UnlockTarget;
  events: UnlockEvents;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  platform: NodeJS.Platform;
}

type FinalState = Extract<UnlockState, 'UNLOCKED' | 'failed' | 'cancelled' | 'timed-out'>;

export class UnlockRun {
  private current: ClientProcess | null = null;
  private cancelPoll: (() => void) | null = null;
  private cancelDeadline: (() => void) | null = null;
  private ended = false;
  private lastState: DeviceState | null = null;
  private sawUnlocking = false;
  private statusFailures = 0;
  private resolveDone: () => void = () => undefined;
  /** Resolves once the run has ended and its client is gone. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(private readonly options: UnlockRunOptions) {}

  start(): void {
    // Cancelled (or stopped by quitting) before it began: nothing to start.
    if (this.ended) return;
    const { client, unlockTimeoutMs, clock } = this.options;
    this.status('starting', `Running ${client.kind} ${unlockArgs(client.kind, this.options.target)[0]}.`);
    this.cancelDeadline = clock.setTimeout(() => {
      const within = duration(unlockTimeoutMs);
      void this.end(
        'timed-out',
        `The device did not report UNLOCKED within ${within}. Check its LCD display, then try again; ` +
          'unlocking can take several minutes.',
      );
    }, unlockTimeoutMs);
    void this.unlock();
  }

  cancel(): Promise<void> {
    return this.end('cancelled', 'Stopped at your request.');
  }

  private async unlock(): Promise<void> {
    const { client, target } = this.options;
    const args = unlockArgs(client.kind, target);
    const exit = await this.run(args, true);
    if (this.ended || !exit) return;
    const failure = failureOf(`${client.kind} ${args[0]}`, exit, this.options.commandTimeoutMs);
    if (failure) return void this.end('failed', failure);
    this.poll();
  }

  private poll(): void {
    if (this.ended) return;
    void this.checkStatus();
  }

  private async checkStatus(): Promise<void> {
    const { client, target } = this.options;
    const args = statusArgs(client.kind, target);
    const step = `${client.kind} ${args[0]}`;
    const exit = await this.run(args, false);
    if (this.ended || !exit) return;
    const parsed =
      exit.code === 0
        ? (client.kind === 'snowball' ? parseLegacyStatus : parseDescribe)(
            exit.lines.map((l) => l.line).join('\n'),
          )
        : null;
    if (saysCodeMismatch(exit.lines)) {
      this.show(exit.lines);
      return void this.end('failed', failureOf(step, exit, this.options.commandTimeoutMs));
    }
    if (!parsed) {
      this.show(exit.lines);
      this.statusFailures += 1;
      if (this.statusFailures > this.options.statusFailuresAllowed) {
        const failure =
          failureOf(step, exit, this.options.commandTimeoutMs) ??
          `\`${step}\` printed no unlock state.${clientWords(exit.lines) ? ` It said: “${clientWords(exit.lines)}”` : ''}`;
        return void this.end('failed', failure);
      }
      return this.schedulePoll();
    }
    this.statusFailures = 0;
    const changed = parsed.state !== this.lastState;
    // Only a change is worth the device's full description; repeating it every few seconds is noise.
    if (changed) this.show(exit.lines);
    this.lastState = parsed.state;
    if (parsed.state === 'UNLOCKED') return void this.end('UNLOCKED', parsed.summary);
    if (parsed.state === 'LOCKED' && this.sawUnlocking) {
      const which = parsed.devices.length > 1 ? ` ${parsed.summary}` : '';
      return void this.end(
        'failed',
        `The device went back to LOCKED after UNLOCKING, so the unlock did not complete.${which} ` +
          'Check the device’s LCD display, then try again.',
      );
    }
    if (parsed.state === 'UNLOCKING') this.sawUnlocking = true;
    if (changed) this.status(parsed.state, parsed.summary);
    this.schedulePoll();
  }

  private schedulePoll(): void {
    if (this.ended) return;
    this.cancelPoll = this.options.clock.setTimeout(() => this.poll(), this.options.pollIntervalMs);
  }

  /** Runs one command; its lines stream out live when `live`, else they are kept for show(). */
  private async run(args: string[], live: boolean): Promise<ClientExit | null> {
    const { client, env, clock, commandTimeoutMs, platform, killGraceMs, target } = this.options;
    const child = runClientProcess(client.path, args, {
      env,
      cwd: path.dirname(client.path),
      clock,
      platform,
      timeoutMs: commandTimeoutMs,
      redact: (line) => redactSecrets(line, [target.code]),
      ...(live ? { onLine: (line: OutputLine) => this.output(line) } : {}),
      ...(killGraceMs === undefined ? {} : { killGraceMs }),
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

  private status(state: UnlockState, message: string | null): void {
    const safe = message === null ? null : redactSecrets(message, [this.options.target.code]);
    this.options.events.status({ runId: this.options.runId, state, message: safe });
  }

  /** The one way a run ends: timers off, the client (and its children) gone, then the final status. */
  private async end(state: FinalState, message: string | null): Promise<void> {
    if (this.ended) return this.done;
    this.ended = true;
    this.cancelPoll?.();
    this.cancelDeadline?.();
    const child = this.current;
    this.current = null;
    if (child) await child.kill();
    this.status(state, message);
    this.resolveDone();
  }
}
