import { wireName, type ChannelName, type Result } from '../contract';

export const TOKEN_HEADER = 'x-companion-token';
export const IPC_PATH_PREFIX = '/ipc/';

export function tokenFromFragment(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** One contract call to the loopback host. Transport failures become a readable, retryable error. */
export async function loopbackInvoke(
  token: string,
  channel: ChannelName,
  input: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<unknown>> {
  try {
    const response = await fetchImpl(IPC_PATH_PREFIX + wireName(channel), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    if (response.status === 403) {
      return failure(
        'FORBIDDEN',
        'The local service refused this page. Open the address that `npm start` printed (it carries the access token).',
        false,
      );
    }
    return (await response.json()) as Result<unknown>;
  } catch {
    return failure(
      'INTERNAL',
      'The local service did not answer. Check that `npm start` is still running, then try again.',
      true,
    );
  }
}

function failure(code: 'FORBIDDEN' | 'INTERNAL', message: string, retryable: boolean): Result<never> {
  return { ok: false, error: { code, message, retryable } };
}
