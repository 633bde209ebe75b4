/**
 * What a failed client run means, in a sentence that says what to do next, followed by the client's own
 * words (already redacted, shortened). The Snowball Edge client's error wording is not documented, so
 * the matching is deliberately broad; a non-zero exit is a failure whatever it says.
 */
import type { ClientExit, OutputLine } from './client-process';

const CODE_MISMATCH = [
  /unlock.?code[^\n]*(not valid|invalid|incorrect|wrong|not match|n[o']t match|mismatch)/i,
  /(not valid|invalid|incorrect|wrong)[^\n]*unlock.?code/i,
  /manifest[^\n]*(not match|n[o']t match|mismatch|could not be decrypted|cannot be decrypted)/i,
  /(unable|failed|could not|cannot) to decrypt[^\n]*manifest/i,
];

const UNREACHABLE =
  /(could not|unable to|failed to|cannot) connect|connection (refused|timed out|reset)|no route to host|host is unreachable|network is unreachable|unknownhost|connect timed out/i;

/** "20 minutes", "1 second": for people. */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

export function saysCodeMismatch(lines: readonly OutputLine[]): boolean {
  return lines.some(({ line }) => CODE_MISMATCH.some((pattern) => pattern.test(line)));
}

/** The last few non-empty lines, as the client printed them (redacted). */
export function clientWords(lines: readonly OutputLine[], max = 3): string {
  const text = lines
    .map((l) => l.line.trim())
    .filter((l) => l !== '')
    .slice(-max)
    .join(' ');
  return text.length > 400 ? `${text.slice(0, 397)}…` : text;
}

function quoted(lines: readonly OutputLine[]): string {
  const words = clientWords(lines);
  return words ? ` The client said: “${words}”` : '';
}

/** Why `step` failed, for the status message; null when it did not fail. */
export function failureOf(step: string, exit: ClientExit, timeoutMs: number): string | null {
  if (exit.error) {
    return `The Snowball client could not be started (${exit.error.code ?? exit.error.message}). Choose the client again on the Device step.`;
  }
  if (exit.timedOut) {
    return `\`${step}\` did not finish within ${duration(timeoutMs)} and was stopped.${quoted(exit.lines)}`;
  }
  if (saysCodeMismatch(exit.lines)) {
    return (
      'The unlock code does not match this manifest. Use the manifest and the unlock code of the same job ' +
      `(AWS console → the job → Credentials).${quoted(exit.lines)}`
    );
  }
  if (exit.code === 0) return null;
  if (exit.lines.some(({ line }) => UNREACHABLE.test(line))) {
    return (
      'The client could not reach the device. Check the IP address on the device’s LCD (Connections tab) ' +
      `and test the connection on the Device step.${quoted(exit.lines)}`
    );
  }
  const how = exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
  return `\`${step}\` ${how}.${quoted(exit.lines)}`;
}
