/**
 * Turns what the AWS SDK throws into an AppError a person can act on. The service's own message is kept
 * where it explains something (it never holds a secret); the next step is always said.
 */
import { AppError } from './app-error';
import { regionInfo } from './regions';

export interface ErrorContext {
  /** What the app was doing, e.g. "list the jobs in us-west-2". */
  action: string;
  region?: string;
  jobId?: string;
  /** The profile in use, for the `aws sso login --profile` hint. */
  profile?: string | null;
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
]);
const EXPIRED_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired',
]);

export function toAppError(error: unknown, context: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const name = e.name ?? '';
  const said = e.message ? ` AWS said: "${e.message.trim()}"` : '';
  const where = context.region ? ` in ${context.region}` : '';
  const job = context.jobId ?? 'this job';
  const loginHint = context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login';

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/sso/i.test(e.message ?? '')) {
      return new AppError(
        'SSO_LOGIN_REQUIRED',
        'Your IAM Identity Center (SSO) sign-in is missing or has expired. Sign in again with ' +
          `"Sign in with IAM Identity Center" (or \`${loginHint}\` in a terminal), then connect again.`,
        { cause: error },
      );
    }
    return new AppError(
      'NO_CREDENTIALS',
      `No AWS credentials were found for this choice (${e.message ?? 'no provider answered'}). ` +
        'Choose a profile, enter keys for this session, or use the demo account.',
      { cause: error },
    );
  }
  if (EXPIRED_CREDENTIALS.has(name)) {
    return new AppError(
      'CREDENTIALS_INVALID',
      `These AWS credentials have expired. Renew them (for IAM Identity Center: sign in again, or \`${loginHint}\`), then connect again.`,
      { cause: error },
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    if (regionInfo(context.region ?? '')?.optIn && name === 'UnrecognizedClientException') {
      return new AppError(
        'REGION_UNAVAILABLE',
        `${context.region} is not enabled for this AWS account, so it has no Snowball jobs to show. ` +
          'Enable it in the account settings, or leave it out of the search.',
        { cause: error },
      );
    }
    return new AppError(
      'CREDENTIALS_INVALID',
      `AWS did not accept these credentials${where}: the access key or the secret key is wrong, or the key was deactivated. ` +
        'Check them, or choose another profile.',
      { cause: error },
    );
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || e.$metadata?.httpStatusCode === 403) {
    return new AppError(
      'ACCESS_DENIED',
      `This identity is not allowed to ${context.action}${where}.${said} Ask your AWS administrator for the Snowball permissions, or use another profile.`,
      { cause: error },
    );
  }
  if (name === 'InvalidJobStateException' && /expire/i.test(e.message ?? '')) {
    return new AppError(
      'JOB_CREDENTIALS_EXPIRED',
      `The manifest and unlock code of ${job} have expired (they last 360 days from the job's creation). ` +
        `Contact AWS Support through the console about this device.${said}`,
      { cause: error },
    );
  }
  if (name === 'InvalidJobStateException') {
    return new AppError(
      'INVALID_JOB_STATE',
      `AWS cannot ${context.action} for ${job} in its current state: the manifest and the unlock code are ` +
        `available only while the device is with you (WithCustomer).${said}`,
      { cause: error },
    );
  }
  if (name === 'InvalidResourceException') {
    return new AppError(
      'JOB_NOT_FOUND',
      `AWS does not know ${job}${where}. Refresh the job list; the job may belong to another account or region.${said}`,
      { cause: error },
    );
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || name === 'Throttling') {
    return new AppError(
      'THROTTLED',
      `AWS is limiting the request rate${where} and the retries ran out while trying to ${context.action}. Wait a minute and try again.`,
      { retryable: true, cause: error },
    );
  }
  if (NETWORK_CODES.has(e.code ?? '') || name === 'TimeoutError' || name === 'RequestTimeout') {
    return new AppError(
      'NETWORK',
      `Could not reach AWS${where} to ${context.action} (${e.code ?? name}). Check the network connection (a proxy or firewall may block it) and try again.`,
      { retryable: true, cause: error },
    );
  }
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new AppError(
      'SERVICE_ERROR',
      `AWS had a problem${where} while the app tried to ${context.action} and the retries did not help. Try again in a few minutes.${said}`,
      { retryable: true, cause: error },
    );
  }
  if (e.$fault === 'client' && name) {
    return new AppError('REQUEST_REFUSED', `AWS refused to ${context.action}${where} (${name}).${said}`, {
      cause: error,
    });
  }
  return new AppError(
    'INTERNAL',
    `Something unexpected happened while trying to ${context.action}${where}. Try again.`,
    {
      retryable: true,
      cause: error,
    },
  );
}
