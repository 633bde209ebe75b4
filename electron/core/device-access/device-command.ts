/**
 * One Snowball Edge client command after the unlock, through the session's private profile: its standard
 * output kept unredacted for core's parsing only (it may hold the device's secret key), its redacted
 * lines for messages, and a failure in words that say what to do.
 */
import { AppError } from '../app-error';
import type { ClientExit } from '../client/client-process';
import type { ClientSession } from '../client/client-session';
import { clientWords, notRun, quoted, REFUSED, saysCodeMismatch, UNREACHABLE } from '../client/client-words';

export interface CommandResult {
  /** Standard output as printed (never to leave core). */
  text: string;
  exit: ClientExit;
  /** An error for output that did not hold what was asked for (`what`: "printed no …"). */
  failed(what: string): AppError;
}

export async function runDeviceCommand(
  session: ClientSession,
  args: string[],
  timeoutMs: number,
): Promise<CommandResult> {
  const step = `snowballEdge ${args[0] ?? ''}`;
  const stdout: string[] = [];
  const child = session.run(args, {
    timeoutMs,
    raw: (line) => void (line.stream === 'stdout' && stdout.push(line.line)),
  });
  const exit = await child.exit;
  const failure = commandProblem(exit, step, timeoutMs);
  if (failure) throw new AppError('DEVICE_ACCESS_FAILED', failure);
  return {
    text: stdout.join('\n'),
    exit,
    failed: (what) =>
      new AppError(
        'DEVICE_ACCESS_FAILED',
        `\`${step}\` ${what}.${quoted(exit.lines)} Read the device again in a minute.`,
      ),
  };
}

function commandProblem(exit: ClientExit, step: string, timeoutMs: number): string | null {
  const early = notRun(exit, { step, timeoutMs });
  if (early) return early;
  if (saysCodeMismatch(exit.lines)) {
    return `The device refused the manifest and unlock code: they are not this device's.${quoted(exit.lines)} Use the manifest and code of the job this device belongs to.`;
  }
  if (exit.code === 0) return null;
  const words = exit.lines;
  if (words.some(({ line }) => REFUSED.test(line) || UNREACHABLE.test(line))) {
    return `\`${step}\` could not reach the device. Check its address on the LCD display (Connections tab) and its network cable.${quoted(words)}`;
  }
  const said = clientWords(words);
  return `\`${step}\` exited with code ${exit.code ?? exit.signal}${said ? `: “${said}”` : ' without printing anything'}. Try again in a minute.`;
}
