/**
 * The front door of sso-oidc (`POST /client/register`, `/device_authorization`, `/token`) and sso
 * (`GET /federation/credentials`, `/assignment/accounts`, `/assignment/roles`, `POST /logout`): REST-JSON,
 * unsigned (both models say `authtype: none`), the portal taking the access token in the
 * `x-amz-sso_bearer_token` header. Paths the Snowball, STS and object routes never use.
 */
import { REQUEST_FAULT_KINDS } from '../faults';
import type { Reply } from '../reply';
import { bufferReply } from '../reply';
import type { EmulatorState, Incoming, Outcome } from '../state';
import { SsoError, oidcErrors, portalErrors } from './errors';

type Handler = (state: EmulatorState, incoming: Incoming) => unknown;

const first = (value: string | string[] | null | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : (value ?? undefined);
const bearer = (incoming: Incoming) => first(incoming.headers['x-amz-sso_bearer_token']);
const query = (incoming: Incoming, name: string) => first(incoming.query[name]);

const OIDC: Record<string, [string, Handler]> = {
  'POST /client/register': ['RegisterClient', (s, i) => s.sso.registerClient(jsonBody(i))],
  'POST /device_authorization': [
    'StartDeviceAuthorization',
    (s, i) => s.sso.startDeviceAuthorization(jsonBody(i)),
  ],
  'POST /token': ['CreateToken', (s, i) => s.sso.createToken(jsonBody(i))],
};

const PORTAL: Record<string, [string, Handler]> = {
  'GET /federation/credentials': [
    'GetRoleCredentials',
    (s, i) => s.sso.roleCredentials(bearer(i), query(i, 'account_id'), query(i, 'role_name')),
  ],
  'GET /assignment/accounts': [
    'ListAccounts',
    (s, i) => s.sso.accounts(bearer(i), query(i, 'max_result'), query(i, 'next_token')),
  ],
  'GET /assignment/roles': [
    'ListAccountRoles',
    (s, i) =>
      s.sso.accountRoles(bearer(i), query(i, 'account_id'), query(i, 'max_result'), query(i, 'next_token')),
  ],
  'POST /logout': [
    'Logout',
    (s, i) => {
      s.sso.logout(bearer(i));
      return null;
    },
  ],
};

/** Every operation this front door answers (for the fault registry). */
export const SSO_OPERATIONS = [...Object.values(OIDC), ...Object.values(PORTAL)].map(([name]) => name);

/** The outcome for an IAM Identity Center request, or undefined when the request is for another service. */
export function ssoRoute(state: EmulatorState, incoming: Incoming): Outcome | undefined {
  const key = `${incoming.method} ${incoming.rawPath}`;
  const oidc = OIDC[key];
  const entry = oidc ?? PORTAL[key];
  if (!entry) return undefined;
  const [operation, handler] = entry;
  const errors = oidc ? oidcErrors : portalErrors;
  const region = state.sso.region;
  const outcome = (reply: Reply, firedFault?: string): Outcome => ({
    reply,
    operation,
    region,
    protocol: 'rest-json',
    ...(firedFault ? { firedFault } : {}),
  });

  const fault = state.faults.take(operation, region, REQUEST_FAULT_KINDS);
  if (fault?.kind === 'reset')
    return { reset: true, operation, region, protocol: 'rest-json', firedFault: 'reset' };
  const injected =
    fault?.kind === 'throttle'
      ? oidc
        ? oidcErrors.slowDown()
        : portalErrors.tooManyRequests()
      : fault?.kind === '500'
        ? errors.internal()
        : fault?.kind === '503'
          ? portalErrors.unavailable()
          : fault?.kind === 'expired-token'
            ? oidc
              ? oidcErrors.expiredToken()
              : portalErrors.unauthorized()
            : undefined;
  if (injected && fault) return outcome(errorReply(state, incoming, injected), fault.kind);

  try {
    const result = handler(state, incoming);
    const body = result === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(result));
    const reply = bufferReply(
      200,
      headers(state, incoming, body.length ? 'application/json' : undefined),
      body,
    );
    return { ...outcome(reply), ...(fault ? { fault, firedFault: fault.kind } : {}) };
  } catch (error) {
    if (error instanceof SsoError) return outcome(errorReply(state, incoming, error));
    throw error;
  }
}

function jsonBody(incoming: Incoming): Record<string, unknown> {
  if (incoming.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(incoming.body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw oidcErrors.invalidRequest('The request body is not a JSON object');
}

function headers(state: EmulatorState, incoming: Incoming, contentType?: string): Record<string, string> {
  return {
    'x-amzn-RequestId': incoming.requestId,
    Date: new Date(state.clock.now()).toUTCString(),
    ...(contentType ? { 'Content-Type': contentType } : {}),
  };
}

function errorReply(state: EmulatorState, incoming: Incoming, error: SsoError): Reply {
  const body = Buffer.from(JSON.stringify(error.body));
  return bufferReply(
    error.status,
    { ...headers(state, incoming, 'application/json'), 'x-amzn-ErrorType': error.type },
    body,
    error.type,
  );
}
