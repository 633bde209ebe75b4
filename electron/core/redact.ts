/**
 * One redaction step for everything that leaves core as text (logs, the audit log, events, errors, the
 * client's output): unlock codes, AWS access key IDs, secret keys, session tokens, presigned-URL
 * signatures, and IAM Identity Center's access tokens, refresh tokens and client secrets.
 * Over-redacting a harmless string is acceptable; letting one secret through is not.
 *
 * An unlock code is found by its meaning, not its spelling: every code the vault holds (and any code a
 * caller names) in any case, with any or no separators between its characters (a line break too), and
 * in base64 (at any alignment, standard or URL-safe) and hex. Anything shaped like a code is redacted
 * as well, known or not.
 *
 * Other secrets core holds for a while (a device's secret access key) are registered too and found as
 * written, URL-encoded, and in base64 and hex.
 */

/** Anything shaped like a code in free text (global: for replace). */
export const UNLOCK_CODE_ANYWHERE = /(?<![A-Za-z0-9-])[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){4}(?![A-Za-z0-9-])/g;
export const REDACTED_CODE = '*****-*****-*****-*****-*****';

const RULES: [RegExp, string][] = [
  // Presigned URLs carry a signature and sometimes a session token in their query.
  [/(X-Amz-(?:Signature|Security-Token|Credential)=)[^&\s"']+/gi, '$1[redacted]'],
  // Access key IDs: AKIA (long-term) and ASIA (temporary), 20 characters.
  [/(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g, '[access-key-id]'],
  // IAM Identity Center tokens: access (aoa…) and refresh (aor…) tokens; client secrets are JWT-like (eyJ…).
  [/(?<![A-Za-z0-9])ao[ar][A-Za-z0-9+/=:._-]{20,}/g, '[sso-token]'],
  [/(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_.-]{10,}/g, '[sso-token]'],
  // Long base64url runs (tokens in URL-safe form).
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{100,}(?![A-Za-z0-9_-])/g, '[token]'],
  // Session tokens: very long base64 runs.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g, '[session-token]'],
  // Secret access keys: 40 base64 characters on their own.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[secret]'],
];

/** What may stand between two characters of a code: a hyphen, a space, a line break, a quote… */
const SEPARATOR = '[^A-Za-z0-9]{0,3}';
/** A piece of a code shorter than this at a line's edge is not worth masking (and would over-match). */
const MIN_PIECE = 4;

const held = new Map<string, number>();

/** The vault registers each code it holds, so every redaction knows it; the returned function forgets it. */
export function registerSecretCode(code: string): () => void {
  const key = coreOf(code);
  if (key.length === 0) return () => undefined;
  held.set(key, (held.get(key) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (held.get(key) ?? 1) - 1;
    if (left > 0) held.set(key, left);
    else held.delete(key);
  };
}

/** Secrets of other shapes that core holds, each with the forms it is found in. */
const heldTexts = new Map<string, { forms: string[]; count: number }>();
export const REDACTED_SECRET = '[secret]';

/** Registers a secret (not an unlock code) every redaction must know while it is held; returns the forget. */
export function registerSecretText(secret: string): () => void {
  if (secret.length < 8) return () => undefined;
  const entry = heldTexts.get(secret) ?? {
    forms: [
      ...new Set([
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('hex'),
      ]),
    ],
    count: 0,
  };
  entry.count += 1;
  heldTexts.set(secret, entry);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    entry.count -= 1;
    if (entry.count <= 0) heldTexts.delete(secret);
  };
}

export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const { forms } of heldTexts.values())
    for (const form of forms) out = out.split(form).join(REDACTED_SECRET);
  // A named secret of any other shape is at least replaced as written.
  for (const secret of known) if (secret) out = out.split(secret).join(REDACTED_CODE);
  for (const matcher of matchersFor(known)) out = matcher.redact(out);
  out = out.replace(UNLOCK_CODE_ANYWHERE, REDACTED_CODE);
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Where the known codes (and anything shaped like one) sit in `text`, including a code's beginning at
 * the very end of the text (the rest may be in the next chunk): spans a line must never be cut inside.
 */
export function codeSpans(text: string, known: readonly string[] = []): [number, number][] {
  const spans: [number, number][] = [];
  const collect = (pattern: RegExp) => {
    for (const m of text.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
  };
  collect(new RegExp(UNLOCK_CODE_ANYWHERE.source, 'g'));
  for (const matcher of matchersFor(known)) {
    collect(matcher.spelled);
    const start = matcher.pieceAtEnd(text);
    if (start !== null) spans.push([start, text.length]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/**
 * Redacts a stream of lines: each line on its own, and the two halves of a code the client split over a
 * line break (the beginning at the end of one line, the rest at the start of the next).
 */
export class LineRedactor {
  constructor(private readonly known: readonly string[] = []) {}

  redact(line: string): string {
    let out = line;
    for (const matcher of matchersFor(this.known)) {
      const end = matcher.pieceAtStart(out);
      if (end !== null) out = `${REDACTED_CODE}${out.slice(end)}`;
      const start = matcher.pieceAtEnd(out);
      if (start !== null) out = `${out.slice(0, start)}${REDACTED_CODE}`;
    }
    return redactSecrets(out, this.known);
  }
}

interface CodeMatcher {
  /** The code in any case with any separators (global). */
  spelled: RegExp;
  redact(text: string): string;
  /** Where a piece of the code's beginning starts, when the text ends with one; else null. */
  pieceAtEnd(text: string): number | null;
  /** Where a piece of the code's end ends, when the text starts with one; else null. */
  pieceAtStart(text: string): number | null;
}

/** Letters and digits of a code, lower case: what every spelling of it shares. */
function coreOf(code: string): string {
  return code.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

function matchersFor(known: readonly string[]): CodeMatcher[] {
  const cores = new Set([...held.keys()]);
  for (const code of known) {
    const core = coreOf(code);
    if (core.length >= MIN_PIECE * 2) cores.add(core);
  }
  return [...cores].map(matcherOf);
}

function spelling(chars: readonly string[]): string {
  return chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(SEPARATOR);
}

function matcherOf(core: string): CodeMatcher {
  const chars = [...core];
  const spelled = new RegExp(spelling(chars), 'gi');
  const encoded = encodedForms(core);
  const prefixes = lengths(chars.length).map((n) => new RegExp(`${spelling(chars.slice(0, n))}$`, 'i'));
  const suffixes = lengths(chars.length).map(
    (n) => new RegExp(`^[^A-Za-z0-9]{0,3}${spelling(chars.slice(chars.length - n))}`, 'i'),
  );
  return {
    spelled,
    redact: (text) => {
      let out = text.replace(spelled, REDACTED_CODE);
      for (const [form, label] of encoded) out = out.split(form).join(label);
      return out;
    },
    pieceAtEnd: (text) => {
      for (const pattern of prefixes) {
        const m = pattern.exec(text);
        if (m) return m.index;
      }
      return null;
    },
    pieceAtStart: (text) => {
      for (const pattern of suffixes) {
        const m = pattern.exec(text);
        if (m) return m[0].length;
      }
      return null;
    },
  };
}

/** Piece lengths to look for, longest first: MIN_PIECE up to one character short of the whole code. */
function lengths(total: number): number[] {
  const out: number[] = [];
  for (let n = total - 1; n >= MIN_PIECE; n--) out.push(n);
  return out;
}

/**
 * The code's base64 and hex forms, for the spellings a program would encode: as the service prints it
 * (lower case, hyphens), upper case, and without separators. Base64 is taken at all three byte
 * alignments, keeping only the characters that depend on the code alone, so a code inside a longer
 * encoded payload is found too.
 */
function encodedForms(core: string): [string, string][] {
  const groups = core.match(/.{1,5}/g) ?? [core];
  const spellings = new Set<string>();
  for (const text of [groups.join('-'), core]) {
    spellings.add(text);
    spellings.add(text.toUpperCase());
  }
  const forms: [string, string][] = [];
  for (const text of spellings) {
    const bytes = Buffer.from(text, 'utf8');
    forms.push([bytes.toString('hex'), '[unlock-code-hex]']);
    forms.push([bytes.toString('hex').toUpperCase(), '[unlock-code-hex]']);
    for (const shift of [0, 1, 2]) {
      const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
      const full = padded.toString('base64');
      const from = shift === 0 ? 0 : 4;
      const to = Math.floor(padded.length / 3) * 4;
      const stable = full.slice(from, to);
      if (stable.length >= 16) {
        forms.push([stable, '[unlock-code-base64]']);
        forms.push([stable.replace(/\+/g, '-').replace(/\//g, '_'), '[unlock-code-base64]']);
      }
    }
  }
  return forms;
}
