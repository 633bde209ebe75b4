/**
 * The errors of sso-oidc and sso as their models (botocore's sso-oidc and sso 2019-06-10) shape them:
 * REST-JSON, the shape name in `x-amzn-ErrorType`, sso-oidc's OAuth members `error` and
 * `error_description`, the portal's `message`. Messages never repeat a token or a secret.
 */
export class SsoError extends Error {
  constructor(
    /** The model's shape name, e.g. AuthorizationPendingException. */
    readonly type: string,
    readonly status: number,
    readonly body: Readonly<Record<string, string>>,
  ) {
    super(body.error_description ?? body.message ?? type);
  }
}

/** An sso-oidc error: the OAuth 2.0 error code of RFC 6749 / RFC 8628 and a description. */
function oidc(type: string, status: number, error: string, description: string): SsoError {
  return new SsoError(type, status, { error, error_description: description });
}

export const oidcErrors = {
  invalidRequest: (what: string) => oidc('InvalidRequestException', 400, 'invalid_request', what),
  invalidClient: () =>
    oidc('InvalidClientException', 401, 'invalid_client', 'Invalid client or client secret provided'),
  invalidClientMetadata: (what: string) =>
    oidc('InvalidClientMetadataException', 400, 'invalid_client_metadata', what),
  invalidScope: () => oidc('InvalidScopeException', 400, 'invalid_scope', 'Invalid scope requested'),
  invalidGrant: (what: string) => oidc('InvalidGrantException', 400, 'invalid_grant', what),
  unsupportedGrantType: () =>
    oidc('UnsupportedGrantTypeException', 400, 'unsupported_grant_type', 'Unsupported grant type'),
  authorizationPending: () =>
    oidc('AuthorizationPendingException', 400, 'authorization_pending', 'Authorization is still pending'),
  slowDown: () => oidc('SlowDownException', 400, 'slow_down', 'Client is polling too quickly'),
  expiredToken: () =>
    oidc('ExpiredTokenException', 400, 'expired_token', 'The device code has expired; start again'),
  accessDenied: () =>
    oidc('AccessDeniedException', 400, 'access_denied', 'The user denied the authorization request'),
  internal: () => oidc('InternalServerException', 500, 'server_error', 'An internal error occurred'),
};

function portal(type: string, status: number, message: string): SsoError {
  return new SsoError(type, status, { message });
}

export const portalErrors = {
  invalidRequest: (what: string) => portal('InvalidRequestException', 400, what),
  unauthorized: () => portal('UnauthorizedException', 401, 'Session token not found or invalid'),
  /** Not in the model's list, but what the portal answers for an account or role not assigned. */
  forbidden: () => portal('ForbiddenException', 403, 'No access'),
  tooManyRequests: () => portal('TooManyRequestsException', 429, 'Rate exceeded'),
  internal: () => portal('InternalServerException', 500, 'An internal error occurred'),
  unavailable: () => portal('ServiceUnavailableException', 503, 'Service unavailable'),
};
