import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidNextToken } from './errors';
import { deriveBytes } from './rng';

/** AWS leaves the default page size undocumented; the emulator pages like a full MaxResults. */
export const DEFAULT_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Opaque NextTokens: an offset into a sorted view, bound to the operation and view (so a token from
 * eu-west-1 or from ListClusters is refused) and MACed with a seed-derived key (so it cannot be edited).
 */
export class TokenCodec {
  private readonly key: Buffer;

  constructor(seed: string) {
    this.key = deriveBytes(seed, 'next-token');
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16);
  }

  encode(scope: string, offset: number): string {
    const body = Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The offset the token points at; InvalidNextTokenException for anything else. */
  decode(token: string, scope: string): number {
    const dot = token.indexOf('.');
    if (dot < 0) throw invalidNextToken();
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidNextToken();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalidNextToken();
    }
    const p = parsed as { s?: unknown; o?: unknown };
    if (p.s !== scope || typeof p.o !== 'number' || !Number.isInteger(p.o) || p.o < 0)
      throw invalidNextToken();
    return p.o;
  }

  /** One page of `items` (already in their stable order): O(page size), whatever the list length. */
  page<T>(
    items: readonly T[],
    scope: string,
    maxResults: number | undefined,
    nextToken: string | undefined,
    defaultSize: number,
  ): Page<T> {
    const size = maxResults === undefined || maxResults === 0 ? defaultSize : maxResults;
    const start = nextToken === undefined ? 0 : this.decode(nextToken, scope);
    if (start > items.length) throw invalidNextToken();
    const end = Math.min(items.length, start + size);
    const page: Page<T> = { items: items.slice(start, end) };
    if (end < items.length) page.nextToken = this.encode(scope, end);
    return page;
  }
}
