import { describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/aws-errors';

const ctx = { action: 'list the Snowball jobs', region: 'us-west-2', profile: 'site' };
const sdkError = (name: string, message = '', extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('toAppError', () => {
  it.each([
    ['ExpiredTokenException', 'CREDENTIALS_INVALID', /expired.*aws sso login --profile site/],
    ['UnrecognizedClientException', 'CREDENTIALS_INVALID', /access key or the secret key is wrong/],
    ['AccessDeniedException', 'ACCESS_DENIED', /not allowed to list the Snowball jobs in us-west-2/],
    ['ThrottlingException', 'THROTTLED', /Wait a minute/],
    ['InvalidResourceException', 'JOB_NOT_FOUND', /Refresh the job list/],
    ['KMSRequestFailedException', 'REQUEST_REFUSED', /refused to list the Snowball jobs/],
  ])('maps %s to %s with a next step', (name, code, message) => {
    const error = toAppError(sdkError(name, 'service words', { $fault: 'client' }), ctx);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('reads an opt-in region that answers UnrecognizedClientException as not enabled', () => {
    const error = toAppError(sdkError('UnrecognizedClientException'), { ...ctx, region: 'af-south-1' });
    expect(error).toMatchObject({
      code: 'REGION_UNAVAILABLE',
      message: expect.stringContaining('af-south-1 is not enabled'),
    });
  });

  it('maps network failures and 5xx to retryable errors', () => {
    expect(toAppError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), ctx)).toMatchObject({
      code: 'NETWORK',
      retryable: true,
    });
    expect(toAppError(sdkError('TimeoutError'), ctx)).toMatchObject({ code: 'NETWORK' });
    expect(
      toAppError(
        sdkError('InternalFailure', '', { $fault: 'server', $metadata: { httpStatusCode: 500 } }),
        ctx,
      ),
    ).toMatchObject({
      code: 'SERVICE_ERROR',
      retryable: true,
    });
  });

  it('keeps the text of an unknown error out of its message', () => {
    const error = toAppError(new Error('secret=wJalrXUtnFEMI'), ctx);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('wJalrXUtnFEMI');
  });
});
