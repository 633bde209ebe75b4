/**
 * The state of the emulator's IAM Identity Center: registered clients, device authorizations (RFC 8628)
 * waiting for the person's approval, the tokens issued, and the role credentials handed out, which the
 * Snowball and STS front doors then accept like the demo keys. Times come from the emulator's clock.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../clock';
import type { Principal } from '../credentials';
import { DEMO_SSO_ACCOUNTS, DEMO_SSO_REGION, DEMO_SSO_USER, SSO_SECRET_MARKERS } from './directory';
import { oidcErrors, portalErrors } from './errors';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const REFRESH_GRANT = 'refresh_token';
/** How long a registration (client id and secret) stays valid: 90 days, as the service issues them. */
const CLIENT_SECRET_MS = 90 * 24 * 3600_000;
/** How long the person has to approve a device code, and the polling interval asked for. */
export const DEVICE_CODE_SECONDS = 600;
export const POLL_INTERVAL_SECONDS = 1;
/** RFC 8628 §3.5: every slow_down adds five seconds to the interval. */
const SLOW_DOWN_SECONDS = 5;
/** Access tokens: an hour where a refresh token comes with it, the fixed eight hours of legacy sign-in. */
const REFRESHABLE_TOKEN_SECONDS = 3600;
const LEGACY_TOKEN_SECONDS = 8 * 3600;
const ROLE_CREDENTIALS_MS = 3600_000;
const DEFAULT_PAGE = 20;
/** The consonants RFC 8628 §6.1 suggests for user codes: no vowels, nothing that reads as a word. */
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

interface Client {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  expiresAt: number;
}

export type SignInState = 'pending' | 'approved' | 'denied' | 'used';

interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  intervalSeconds: number;
  state: SignInState;
  lastPollAt: number | null;
  /** Polls still to be answered slow_down, whatever their pace (armed by the admin route). */
  forcedSlowDowns: number;
}

interface IssuedToken {
  clientId: string;
  startUrl: string;
  expiresAt: number;
}

/** What the admin route shows of a sign-in: never the device code. */
export interface SignInView {
  userCode: string;
  clientName: string;
  startUrl: string;
  state: SignInState | 'expired';
  expiresAt: string;
  intervalSeconds: number;
}

type Input = Record<string, unknown>;

export class IdentityCenter {
  readonly region = DEMO_SSO_REGION;
  private readonly clients = new Map<string, Client>();
  private readonly authorizations = new Map<string, DeviceAuthorization>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();
  private readonly principals = new Map<string, Principal>();

  constructor(private readonly clock: Clock) {}

  // sso-oidc ---------------------------------------------------------------------------------------------

  registerClient(input: Input) {
    const clientName = requiredString(input, 'clientName');
    const clientType = requiredString(input, 'clientType');
    if (clientType !== 'public') throw oidcErrors.invalidClientMetadata('Only public clients are supported');
    const scopes = optionalStrings(input, 'scopes');
    if (scopes.some((s) => !/^[a-z][\w-]*(:[\w-]+)*$/i.test(s))) throw oidcErrors.invalidScope();
    const now = this.clock.now();
    const client: Client = {
      clientId: randomBytes(16).toString('base64url'),
      clientSecret: SSO_SECRET_MARKERS.clientSecret + randomBytes(192).toString('base64url'),
      clientName,
      scopes,
      expiresAt: now + CLIENT_SECRET_MS,
    };
    this.clients.set(client.clientId, client);
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: Math.floor(now / 1000),
      clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
    };
  }

  startDeviceAuthorization(input: Input) {
    const client = this.client(input);
    const startUrl = requiredString(input, 'startUrl');
    if (!isHttpsUrl(startUrl)) throw oidcErrors.invalidRequest('Invalid start URL');
    const authorization: DeviceAuthorization = {
      deviceCode: SSO_SECRET_MARKERS.deviceCode + randomBytes(48).toString('base64url'),
      userCode: this.newUserCode(),
      clientId: client.clientId,
      startUrl,
      expiresAt: this.clock.now() + DEVICE_CODE_SECONDS * 1000,
      intervalSeconds: POLL_INTERVAL_SECONDS,
      state: 'pending',
      lastPollAt: null,
      forcedSlowDowns: 0,
    };
    this.authorizations.set(authorization.deviceCode, authorization);
    const verificationUri = `https://device.sso.${this.region}.amazonaws.com/`;
    return {
      deviceCode: authorization.deviceCode,
      userCode: authorization.userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${authorization.userCode}`,
      expiresIn: DEVICE_CODE_SECONDS,
      interval: authorization.intervalSeconds,
    };
  }

  createToken(input: Input) {
    const client = this.client(input);
    const grantType = requiredString(input, 'grantType');
    if (grantType === DEVICE_CODE_GRANT)
      return this.tokenForDevice(client, requiredString(input, 'deviceCode'));
    if (grantType === REFRESH_GRANT)
      return this.tokenForRefresh(client, requiredString(input, 'refreshToken'));
    throw oidcErrors.unsupportedGrantType();
  }

  private tokenForDevice(client: Client, deviceCode: string) {
    const authorization = this.authorizations.get(deviceCode);
    if (!authorization || authorization.clientId !== client.clientId) {
      throw oidcErrors.invalidGrant('Invalid device code provided');
    }
    const now = this.clock.now();
    if (authorization.state === 'used') throw oidcErrors.invalidGrant('The device code was already used');
    if (now >= authorization.expiresAt) throw oidcErrors.expiredToken();
    if (authorization.state === 'denied') throw oidcErrors.accessDenied();
    // Polling faster than half the interval asked for is "too quickly": a client that waits the interval
    // after each answer never sees this, one that does not does.
    const tooSoon =
      authorization.lastPollAt !== null &&
      now - authorization.lastPollAt < (authorization.intervalSeconds * 1000) / 2;
    authorization.lastPollAt = now;
    if (authorization.forcedSlowDowns > 0 || tooSoon) {
      authorization.forcedSlowDowns = Math.max(0, authorization.forcedSlowDowns - 1);
      authorization.intervalSeconds += SLOW_DOWN_SECONDS;
      throw oidcErrors.slowDown();
    }
    if (authorization.state === 'pending') throw oidcErrors.authorizationPending();
    authorization.state = 'used';
    return this.issueToken(client, authorization.startUrl);
  }

  private tokenForRefresh(client: Client, refreshToken: string) {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.clientId || this.clock.now() >= grant.expiresAt) {
      throw oidcErrors.invalidGrant('Invalid refresh token provided');
    }
    return this.issueToken(client, grant.startUrl);
  }

  /** Refresh tokens only for clients registered with scopes (the sso-session form), as the service does. */
  private issueToken(client: Client, startUrl: string) {
    const now = this.clock.now();
    const refreshable = client.scopes.length > 0;
    const expiresIn = refreshable ? REFRESHABLE_TOKEN_SECONDS : LEGACY_TOKEN_SECONDS;
    const accessToken = SSO_SECRET_MARKERS.accessToken + randomBytes(256).toString('base64url');
    this.accessTokens.set(accessToken, {
      clientId: client.clientId,
      startUrl,
      expiresAt: now + expiresIn * 1000,
    });
    const out: Record<string, string | number> = { accessToken, tokenType: 'Bearer', expiresIn };
    if (refreshable) {
      const refreshToken = SSO_SECRET_MARKERS.refreshToken + randomBytes(256).toString('base64url');
      // A refresh token lasts as long as the client's registration.
      this.refreshTokens.set(refreshToken, {
        clientId: client.clientId,
        startUrl,
        expiresAt: client.expiresAt,
      });
      out.refreshToken = refreshToken;
    }
    return out;
  }

  private client(input: Input): Client {
    const clientId = requiredString(input, 'clientId');
    const clientSecret = requiredString(input, 'clientSecret');
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret || this.clock.now() >= client.expiresAt) {
      throw oidcErrors.invalidClient();
    }
    return client;
  }

  private newUserCode(): string {
    const pending = new Set([...this.authorizations.values()].map((a) => a.userCode));
    for (;;) {
      const letters = Array.from({ length: 8 }, () => USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)]);
      const code = `${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`;
      if (!pending.has(code)) return code;
    }
  }

  // sso (the access portal) ----------------------------------------------------------------------------

  roleCredentials(token: string | undefined, accountId: string | undefined, roleName: string | undefined) {
    this.session(token);
    if (!accountId || !roleName) throw portalErrors.invalidRequest('account_id and role_name are required');
    const account = DEMO_SSO_ACCOUNTS.find((a) => a.accountId === accountId);
    if (!account?.roles.includes(roleName)) throw portalErrors.forbidden();
    const principal = this.newPrincipal(accountId, roleName);
    return {
      roleCredentials: {
        accessKeyId: principal.accessKeyId,
        secretAccessKey: principal.secretAccessKey,
        sessionToken: principal.sessionToken,
        expiration: principal.expiresAt,
      },
    };
  }

  accounts(token: string | undefined, maxResults: string | undefined, nextToken: string | undefined) {
    this.session(token);
    const page = paginate(DEMO_SSO_ACCOUNTS, maxResults, nextToken);
    return {
      accountList: page.items.map(({ accountId, accountName, emailAddress }) => ({
        accountId,
        accountName,
        emailAddress,
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  accountRoles(
    token: string | undefined,
    accountId: string | undefined,
    maxResults: string | undefined,
    nextToken: string | undefined,
  ) {
    this.session(token);
    if (!accountId) throw portalErrors.invalidRequest('account_id is required');
    const account = DEMO_SSO_ACCOUNTS.find((a) => a.accountId === accountId);
    if (!account) throw portalErrors.forbidden();
    const page = paginate(account.roles, maxResults, nextToken);
    return {
      roleList: page.items.map((roleName) => ({ roleName, accountId })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  logout(token: string | undefined): void {
    this.session(token);
    this.accessTokens.delete(token as string);
  }

  private session(token: string | undefined): IssuedToken {
    const session = token ? this.accessTokens.get(token) : undefined;
    if (!session || this.clock.now() >= session.expiresAt) throw portalErrors.unauthorized();
    return session;
  }

  private newPrincipal(accountId: string, roleName: string): Principal {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const keyId = `ASIA${Array.from(randomBytes(16), (b) => alphabet[b % 32]).join('')}`;
    const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
    const roleId = `AROA${createHash('sha256').update(roleName).digest('hex').slice(0, 17).toUpperCase()}`;
    const principal: Principal = {
      accessKeyId: keyId,
      secretAccessKey: SSO_SECRET_MARKERS.roleSecretAccessKey + randomBytes(12).toString('base64'),
      sessionToken: SSO_SECRET_MARKERS.roleSessionToken + randomBytes(300).toString('base64'),
      accountId,
      userId: `${roleId}:${DEMO_SSO_USER}`,
      expiresAt: this.clock.now() + ROLE_CREDENTIALS_MS,
      arnFor: (p) =>
        `arn:${p}:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${suffix}/${DEMO_SSO_USER}`,
    };
    this.principals.set(principal.accessKeyId, principal);
    return principal;
  }

  /** Role credentials this instance issued, for the SigV4 check of the other services. */
  principal(accessKeyId: string): Principal | undefined {
    return this.principals.get(accessKeyId);
  }

  // What the person does in the browser (the admin route stands in for the verification page) ---------

  signIns(): SignInView[] {
    const now = this.clock.now();
    return [...this.authorizations.values()].map((a) => ({
      userCode: a.userCode,
      clientName: this.clients.get(a.clientId)?.clientName ?? '',
      startUrl: a.startUrl,
      state: a.state === 'pending' && now >= a.expiresAt ? 'expired' : a.state,
      expiresAt: new Date(a.expiresAt).toISOString(),
      intervalSeconds: a.intervalSeconds,
    }));
  }

  /** Approves or denies the pending sign-in showing this user code. */
  decide(userCode: string, decision: 'approve' | 'deny'): SignInView {
    const authorization = this.pendingByUserCode(userCode);
    authorization.state = decision === 'approve' ? 'approved' : 'denied';
    return this.view(authorization);
  }

  /** Answers the next `count` polls of this sign-in with slow_down. */
  slowDown(userCode: string, count: number): SignInView {
    const authorization = this.pendingByUserCode(userCode);
    authorization.forcedSlowDowns = count;
    return this.view(authorization);
  }

  private pendingByUserCode(userCode: string): DeviceAuthorization {
    const found = [...this.authorizations.values()].find(
      (a) => a.userCode === userCode.toUpperCase() && a.state === 'pending',
    );
    if (!found || this.clock.now() >= found.expiresAt) {
      throw new Error(`no pending sign-in with the code ${userCode}`);
    }
    return found;
  }

  private view(authorization: DeviceAuthorization): SignInView {
    return this.signIns().find((s) => s.userCode === authorization.userCode) as SignInView;
  }
}

function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw oidcErrors.invalidRequest(`${name} is required`);
  return value;
}

function optionalStrings(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw oidcErrors.invalidRequest(`${name} must be a list of strings`);
  }
  return value as string[];
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** A page of `items`: `max_result` 1..100 (default 20), an opaque `next_token` that is the offset. */
function paginate<T>(items: readonly T[], maxResults: string | undefined, nextToken: string | undefined) {
  const size = maxResults === undefined ? DEFAULT_PAGE : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw portalErrors.invalidRequest('max_result must be between 1 and 100');
  }
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0 || decoded >= items.length) {
      throw portalErrors.invalidRequest('Invalid next token');
    }
    offset = decoded;
  }
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}
