import type { ErrorCode } from '../contract';

/**
 * An error core means for people: its message says what happened and what to do next, and it never
 * contains a secret. Anything else that escapes a handler is reported as INTERNAL without its text.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}
