/**
 * The first complete JSON document in a client's output, and the lines around it. The Snowball Edge
 * client prints its JSON (Jackson's pretty layout) with other lines before or after it: update notices,
 * warnings, the JVM's "Picked up JAVA_TOOL_OPTIONS" line. Any of those may hold a brace, so the document
 * is found by a balanced scan that knows JSON strings, and only a span JSON.parse accepts counts.
 */

export interface JsonDocument {
  value: unknown;
  /** The non-empty lines outside the document, in order: the client's own words. */
  otherLines: string[];
}

/**
 * The first span that parses as a JSON object and that `accept` takes (a notice's own `{}` is not the
 * document the caller wants); null when there is none.
 */
export function firstJsonDocument(
  text: string,
  accept: (value: unknown) => boolean = () => true,
): JsonDocument | null {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    const end = balancedEnd(text, start);
    if (end < 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end + 1));
    } catch {
      continue;
    }
    if (!accept(value)) continue;
    const outside = `${text.slice(0, start)}\n${text.slice(end + 1)}`;
    return { value, otherLines: nonEmptyLines(outside) };
  }
  return null;
}

export function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Index of the brace that closes the one at `start`, or -1 when the text ends first. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return ch === '}' ? i : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordAt(record: Record<string, unknown>, key: string): Record<string, unknown> | null {
  const value = record[key];
  return isRecord(value) ? value : null;
}

export function stringAt(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' ? value : null;
}
