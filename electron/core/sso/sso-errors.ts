/**
 * What sso-oidc and the sso portal throw, as AppErrors a person can act on. The service's own words are
 * kept where they explain something (they never hold a token); everything else goes to the common mapping.
 */
import { AppError } from '../app-error';
import { toAppError } from '../aws-errors';

interface SsoErrorShape {
  name?: string;
  message?: string;
  error_description?: string;
}

/** The sign-in itself is no longer good: the token, refresh token or registration was refused. */
const SIGN_IN_REFUSED = new Set([
  'UnauthorizedException',
  'InvalidClientException',
  'InvalidGrantException',
  'UnauthorizedClientException',
  'ExpiredTokenException',
]);
/** The request or the profile's settings are wrong. */
const SETTINGS_REFUSED = new Set([
  'InvalidRequestException',
  'InvalidScopeException',
  'InvalidClientMetadataException',
  'UnsupportedGrantTypeException',
  'InvalidRequestRegionException',
]);

export function ssoError(
  error: unknown,
  context: { action: string; profile: string; region: string },
): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as SsoErrorShape;
  const name = e.name ?? '';
  const words = (e.error_description ?? e.message ?? '').trim();
  const said = words && words !== name ? ` IAM Identity Center said: "${words}"` : '';

  if (SIGN_IN_REFUSED.has(name)) {
    return new AppError(
      'SSO_LOGIN_REQUIRED',
      `Your IAM Identity Center sign-in for profile "${context.profile}" is no longer accepted. Sign in again.`,
      { cause: error },
    );
  }
  if (name === 'ForbiddenException' || name === 'ResourceNotFoundException') {
    return new AppError(
      'ACCESS_DENIED',
      `IAM Identity Center did not let you ${context.action}: that account or role is not assigned to you. ` +
        'Choose another, or ask your administrator to assign it.',
      { cause: error },
    );
  }
  if (SETTINGS_REFUSED.has(name)) {
    return new AppError(
      'REQUEST_REFUSED',
      `IAM Identity Center refused to ${context.action} (${name}).${said} Check sso_start_url, sso_region and ` +
        `sso_registration_scopes of profile "${context.profile}".`,
      { cause: error },
    );
  }
  if (name === 'TooManyRequestsException' || name === 'SlowDownException') {
    return new AppError(
      'THROTTLED',
      `IAM Identity Center is limiting the request rate and the retries ran out while trying to ${context.action}. Wait a minute and try again.`,
      { retryable: true, cause: error },
    );
  }
  if (name === 'InternalServerException') {
    return new AppError(
      'SERVICE_ERROR',
      `IAM Identity Center had a problem while the app tried to ${context.action}. Try again in a few minutes.`,
      { retryable: true, cause: error },
    );
  }
  return toAppError(error, { action: context.action, region: context.region, profile: context.profile });
}
