/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as IAM Identity Center's sso-oidc offers it:
 * RegisterClient, StartDeviceAuthorization, then CreateToken polled at the interval the service asks
 * (5 s when it names none), `authorization_pending` waited out, `slow_down` answered by adding 5 s to the
 * interval for this and every later poll (§3.5), `expired_token` and `access_denied` ending it. Also the
 * refresh_token grant. Times come from core's Clock so tests can drive the polling.
 */
import {
  CreateTokenCommand,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { ssoError } from './sso-errors';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default." */
const DEFAULT_INTERVAL_MS = 5000;
/** RFC 8628 §3.5: slow_down means the interval "MUST be increased by 5 seconds". */
export const SLOW_DOWN_MS = 5000;

export interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAt: number;
}

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresAt: number;
  intervalMs: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresAt: number;
  refreshToken?: string;
}

export type PollOutcome =
  { kind: 'token'; token: IssuedToken } | { kind: 'denied' } | { kind: 'expired' } | { kind: 'cancelled' };

export interface FlowContext {
  profile: string;
  region: string;
}

export async function registerClient(
  oidc: SSOOIDCClient,
  clientName: string,
  scopes: string[],
  context: FlowContext,
): Promise<Registration> {
  return step('register the app for sign-in', context, async () => {
    const out = await oidc.send(
      new RegisterClientCommand({ clientName, clientType: 'public', ...(scopes.length ? { scopes } : {}) }),
    );
    if (!out.clientId || !out.clientSecret || out.clientSecretExpiresAt === undefined) throw incomplete();
    return {
      clientId: out.clientId,
      clientSecret: out.clientSecret,
      expiresAt: out.clientSecretExpiresAt * 1000,
    };
  });
}

export async function startAuthorization(
  oidc: SSOOIDCClient,
  registration: Registration,
  startUrl: string,
  now: number,
  context: FlowContext,
): Promise<DeviceCode> {
  return step('start the sign-in', context, async () => {
    const { clientId, clientSecret } = registration;
    const out = await oidc.send(new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl }));
    if (!out.deviceCode || !out.userCode || !out.verificationUri || !out.expiresIn) throw incomplete();
    return {
      deviceCode: out.deviceCode,
      userCode: out.userCode,
      verificationUri: out.verificationUri,
      verificationUriComplete: out.verificationUriComplete ?? out.verificationUri,
      expiresAt: now + out.expiresIn * 1000,
      intervalMs: out.interval ? out.interval * 1000 : DEFAULT_INTERVAL_MS,
    };
  });
}

/**
 * Polls CreateToken until the person approves or denies, the code expires or `signal` aborts. A failure
 * that may pass (network, throttling, 5xx after the SDK's retries) does not end the sign-in: polling
 * goes on until the code expires. Any other failure is thrown.
 */
export async function pollForToken(
  oidc: SSOOIDCClient,
  registration: Registration,
  code: DeviceCode,
  options: { clock: Clock; signal: AbortSignal; context: FlowContext },
): Promise<PollOutcome> {
  const { clock, signal, context } = options;
  let interval = code.intervalMs;
  for (;;) {
    if (!(await sleep(clock, interval, signal))) return { kind: 'cancelled' };
    if (clock.now() >= code.expiresAt) return { kind: 'expired' };
    try {
      const out = await oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: DEVICE_CODE_GRANT,
          deviceCode: code.deviceCode,
        }),
        { abortSignal: signal },
      );
      return { kind: 'token', token: issued(out, clock.now()) };
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled' };
      const name = (error as { name?: string }).name;
      if (name === 'AuthorizationPendingException') continue;
      if (name === 'SlowDownException') {
        interval += SLOW_DOWN_MS;
        continue;
      }
      if (name === 'ExpiredTokenException') return { kind: 'expired' };
      if (name === 'AccessDeniedException') return { kind: 'denied' };
      const failure = ssoError(error, { ...context, action: 'finish the sign-in' });
      if (!failure.retryable) throw failure;
    }
  }
}

/** CreateToken with the refresh_token grant: a new access token (and refresh token) without the person. */
export async function refreshAccessToken(
  oidc: SSOOIDCClient,
  grant: { clientId: string; clientSecret: string; refreshToken: string },
  now: number,
  context: FlowContext,
): Promise<IssuedToken> {
  return step('renew the sign-in', context, async () =>
    issued(await oidc.send(new CreateTokenCommand({ ...grant, grantType: 'refresh_token' })), now),
  );
}

/** One sso-oidc call, its failure said in a person's words. */
async function step<T>(action: string, context: FlowContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw ssoError(error, { ...context, action });
  }
}

function issued(
  out: { accessToken?: string; expiresIn?: number; refreshToken?: string },
  now: number,
): IssuedToken {
  if (!out.accessToken || !out.expiresIn) throw incomplete();
  return {
    accessToken: out.accessToken,
    expiresAt: now + out.expiresIn * 1000,
    ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
  };
}

function incomplete(): AppError {
  return new AppError(
    'SERVICE_ERROR',
    'IAM Identity Center answered without the fields a sign-in needs. Try again in a few minutes.',
    { retryable: true },
  );
}

/** Waits `ms` on the clock; false when `signal` aborts first. */
function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
