/**
 * What a client run means, in a sentence that says what to do next, followed by the client's own words
 * (already redacted, shortened). The Snowball Edge client's exit codes and error wording are not
 * documented, so the matching is deliberately broad and never the only signal: a non-zero exit is a
 * failure whatever it says, and an exit of 0 that prints an error without the documented success words
 * is one too. "Connection refused" follows AWS's troubleshooting: a wrong IP, manifest path or unlock
 * code, or the network in between; when the app's own check just reached the device, the manifest or
 * the code are the likelier cause.
 */
import type { ClientExit, OutputLine } from './client-process';

const CODE_MISMATCH = [
  /unlock.?code[^\n]*(not valid|invalid|incorrect|wrong|not match|n[o']t match|mismatch)/i,
  /(not valid|invalid|incorrect|wrong)[^\n]*unlock.?code/i,
  /manifest[^\n]*(not match|n[o']t match|mismatch|could not be decrypted|cannot be decrypted)/i,
  /(unable|failed|could not|cannot) to decrypt[^\n]*manifest/i,
];
export const REFUSED = /connection refused|ECONNREFUSED/i;
export const UNREACHABLE =
  /(could not|unable to|failed to|cannot) connect|connection (timed out|reset)|no route to host|host is unreachable|network is unreachable|unknownhost|connect timed out/i;
const ERROR_WORDS = /\b(error|exception|failed|failure|unable|could not|cannot|denied|invalid)\b/i;
/** The documented answers of `unlock-device` / `unlock-cluster`, and the legacy `snowball start`. */
const UNLOCKING_WORDS = /is unlocking|connection established/i;

/** Where the code of this run came from, for advice about a code that does not match. */
export type CodeOrigin =
  | { kind: 'aws' }
  | { kind: 'typed'; expectedIn: string | null }
  | { kind: 'file'; path: string; expectedIn: string | null };

export interface ExplainContext {
  /** "snowballEdge unlock-device", for the message. */
  step: string;
  timeoutMs: number;
  /** Every address answered the app's connection check (port 9091, HTTP) before the run. */
  probePassed: boolean;
  codeOrigin: CodeOrigin;
}

/** "20 minutes", "1 second": for people. */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

const says = (lines: readonly OutputLine[], pattern: RegExp) => lines.some(({ line }) => pattern.test(line));

export function saysCodeMismatch(lines: readonly OutputLine[]): boolean {
  return CODE_MISMATCH.some((pattern) => says(lines, pattern));
}

/**
 * What every JVM prints when it takes options from the environment (the private home, or the person's own
 * options): the runtime's words, not the client's.
 */
export const JVM_NOTICE = /^Picked up (JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS):/;

/** The last few non-empty lines, as the client printed them (redacted). */
export function clientWords(lines: readonly OutputLine[], max = 3): string {
  const text = lines
    .map((l) => l.line.trim())
    .filter((l) => l !== '' && !JVM_NOTICE.test(l))
    .slice(-max)
    .join(' ');
  return text.length > 400 ? `${text.slice(0, 397)}…` : text;
}

export function quoted(lines: readonly OutputLine[]): string {
  const words = clientWords(lines);
  return words ? ` The client said: “${words}”` : '';
}

/** What to check when the device refused the code: where this run's code came from, and where it should be. */
export function codeMismatchAdvice(origin: CodeOrigin): string {
  const expected = (where: string | null) =>
    where ? ` This job's code was saved in ${where} when it was received.` : '';
  switch (origin.kind) {
    case 'aws':
      return 'Use the manifest and the unlock code of the same job: both come from this job, on the earlier steps.';
    case 'file':
      return `Check the file ${origin.path}: it should hold the code of the same job as this manifest (the job ID is in the manifest's file name).${expected(origin.expectedIn)}`;
    case 'typed':
      return `Check the code you entered against the place you kept it for this job (a file, paper or a password manager): it must be the code of the same job as this manifest (the job ID is in the manifest's file name).${expected(origin.expectedIn)}`;
  }
}

function refusedMessage(ctx: ExplainContext, lines: readonly OutputLine[]): string {
  if (ctx.probePassed) {
    return (
      'The device answered the connection check, yet refused the client: the manifest or the unlock code may ' +
      'not belong to this device. Check that this is the device of the job in the manifest’s name, and that ' +
      `the code is that job’s. ${codeMismatchAdvice(ctx.codeOrigin)}${quoted(lines)}`
    );
  }
  return (
    'The device refused the client’s connection. AWS’s troubleshooting names a wrong IP address, a wrong ' +
    'manifest or unlock code, and the network (subnet, firewall, antivirus or VPN). Check the address on the ' +
    `device’s LCD display and test the connection on the Device step.${quoted(lines)}`
  );
}

/** Why a command failed to run at all, or ran too long: null when it ran to an exit. */
export function notRun(exit: ClientExit, ctx: Pick<ExplainContext, 'step' | 'timeoutMs'>): string | null {
  if (exit.error) {
    return `The Snowball client could not be started (${exit.error.code ?? exit.error.message}). Choose the client again on the Device step.`;
  }
  if (exit.timedOut) {
    return `\`${ctx.step}\` did not finish within ${duration(ctx.timeoutMs)} and was stopped.${quoted(exit.lines)}`;
  }
  return null;
}

/** Why a command failed, or null when it did what it is documented to do. */
export function commandFailure(exit: ClientExit, ctx: ExplainContext): string | null {
  const early = notRun(exit, ctx);
  if (early) return early;
  if (saysCodeMismatch(exit.lines)) {
    return `The unlock code does not match this manifest. ${codeMismatchAdvice(ctx.codeOrigin)}${quoted(exit.lines)}`;
  }
  if (exit.code === 0) {
    if (says(exit.lines, ERROR_WORDS) && !says(exit.lines, UNLOCKING_WORDS)) {
      return (
        `\`${ctx.step}\` ended without an error code, but what it printed is an error, not that the device is ` +
        `unlocking, so the unlock did not start.${quoted(exit.lines)} Check the message, then try again.`
      );
    }
    return null;
  }
  if (says(exit.lines, REFUSED)) return refusedMessage(ctx, exit.lines);
  if (says(exit.lines, UNREACHABLE)) {
    return (
      'The client could not reach the device. Check the IP address on the device’s LCD display (Connections tab) ' +
      `and test the connection on the Device step.${quoted(exit.lines)}`
    );
  }
  const how = exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
  const words = clientWords(exit.lines);
  return words
    ? `\`${ctx.step}\` ${how}, with words Snowball Companion does not recognise: “${words}” Read them for the cause, then try again.`
    : `\`${ctx.step}\` ${how} without printing anything, so there is no reason to show. Try again; if it fails the same way, run the client's version command in a terminal to check that it works.`;
}

/** What a status check that gave no state says, for the window while the device is quiet. */
export function statusProblem(exit: ClientExit, ctx: ExplainContext): string {
  const early = notRun(exit, ctx);
  if (early) return early;
  const words = clientWords(exit.lines, 1);
  if (exit.code === 0) return `\`${ctx.step}\` printed no unlock state${words ? `: “${words}”` : ''}.`;
  return `\`${ctx.step}\` exited with code ${exit.code ?? exit.signal}${words ? `: “${words}”` : ''}.`;
}
