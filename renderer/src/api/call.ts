import type { ChannelName, ChannelOutput, CompanionApi, IpcError, Result } from '../../../electron/contract';
import { companion } from '../companion';

/** A failed call, carrying the contract's error (code, message for people, retryable). */
export class CallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'CallError';
  }
}

const NO_APP: IpcError = {
  code: 'INTERNAL',
  message:
    'This page was opened without the app. Start Snowball Companion with `npm start` and use the window it opens.',
  retryable: false,
};

/** Calls a contract channel; resolves with its value or throws a CallError. */
export async function call<C extends ChannelName>(
  name: C,
  ...input: Parameters<CompanionApi[C]>
): Promise<ChannelOutput<C>> {
  const api = companion();
  if (!api) throw new CallError(NO_APP);
  const fn = api[name] as (input?: unknown) => Promise<Result<ChannelOutput<C>>>;
  const result = await fn(input[0]);
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

/** The contract error of anything a call threw (a bug in the page becomes an INTERNAL error). */
export function errorOf(error: unknown): IpcError {
  if (error instanceof CallError) return error.error;
  return { code: 'INTERNAL', message: 'Something went wrong in this window. Try again.', retryable: true };
}
