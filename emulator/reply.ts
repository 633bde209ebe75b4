import type { Readable } from 'node:stream';

/** A response before it is written: the server applies latency, slow-body and truncation faults to it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** A buffer, or a factory for a stream of exactly `length` bytes (large manifests). */
  body: Buffer | (() => Readable);
  length: number;
  /** Error code, for the request log. */
  errorCode?: string;
}

export function bufferReply(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  errorCode?: string,
): Reply {
  const reply: Reply = { status, headers, body, length: body.length };
  if (errorCode) reply.errorCode = errorCode;
  return reply;
}
