/**
 * Signing in with IAM Identity Center, for the profiles of the shared config file that use it. A valid
 * sign-in in the shared token cache (the CLI's, or the app's own) is used without asking; one about to
 * expire is refreshed with its refresh token where the session allows; otherwise the device authorization
 * flow runs while the person approves in the browser. The SDK's fromSSO then turns the cached token into
 * role credentials. Tokens, refresh tokens and client secrets stay in this module and the cache file:
 * never in a result, an event, an error message or the audit log.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SSOClient, paginateListAccountRoles, paginateListAccounts } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { fromSSO } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { SsoSignInOutcome, SsoSignInStartInfo } from '../../contract';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { clientConfig, type ClientOptions, type SsoCredentialSource, type SsoRole } from '../session';
import {
  pollForToken,
  refreshAccessToken,
  registerClient,
  startAuthorization,
  type DeviceCode,
  type FlowContext,
  type Registration,
} from './device-flow';
import { ssoError } from './sso-errors';
import { readSsoSettings, sharedFiles, type SsoSettings } from './sso-settings';
import { cacheTime, readToken, tokenFile, writeToken, type CachedToken } from './token-cache';

/** When the person starts a sign-in, a saved one must last this much longer to be used (as `aws sso login`). */
const FRESH_MS = 15 * 60_000;
/** While connected, a token this close to its end is refreshed first (the SDK's token provider's window). */
const RENEW_MS = 5 * 60_000;
/** Role credentials are fetched again this long before they expire. */
const CREDENTIALS_MARGIN_MS = 5 * 60_000;

/** fromSSO's explicit form: the sign-in and the account and role, instead of reading them from the profile. */
interface ExplicitSsoParameters {
  ssoStartUrl: string;
  ssoRegion: string;
  ssoAccountId: string;
  ssoRoleName: string;
  ssoSession?: string;
}

export type SsoStart =
  | Extract<SsoSignInStartInfo, { status: 'signed-in' }>
  | Omit<Extract<SsoSignInStartInfo, { status: 'pending' }>, 'browserOpened'>;

export interface SsoSessionsOptions {
  /** Where the shared config file and the home folder (token cache) are; the app's is process.env. */
  env: NodeJS.ProcessEnv;
  clock: Clock;
  clientOptions?: ClientOptions;
  /** A sign-in that waited for the person ended (signed in, denied, expired, cancelled or failed). */
  onOutcome?(outcome: SsoSignInOutcome): void;
}

interface Pending {
  id: string;
  file: string;
  settings: SsoSettings;
  code: DeviceCode;
  abort: AbortController;
}

interface Usable {
  token: CachedToken;
  how: 'saved' | 'refreshed';
}

const ENDED: Record<'denied' | 'expired' | 'cancelled', string> = {
  denied: 'The sign-in was refused on the verification page. Sign in again and choose to allow access.',
  expired:
    'The code expired before the sign-in was approved (a code lasts a few minutes). Sign in again for a new one.',
  cancelled: 'Sign-in cancelled.',
};

export class SsoSessions implements SsoCredentialSource {
  readonly #pending = new Map<string, Pending>();
  /** Hashes of access tokens the portal refused: not used again, whatever their expiry says. */
  readonly #refused = new Set<string>();
  readonly #refreshing = new Map<string, Promise<CachedToken>>();
  readonly #portals = new Map<string, SSOClient>();
  readonly #accountNames = new Map<string, string>();

  constructor(private readonly options: SsoSessionsOptions) {}

  /** Signed in already (saved or refreshed), or a device authorization waiting for the person. */
  async start(profile: string): Promise<SsoStart> {
    const settings = await this.settings(profile);
    const file = tokenFile(settings, this.options.env);
    const now = this.options.clock.now();
    const waiting = this.#pending.get(file);
    if (waiting && now < waiting.code.expiresAt) return pendingView(waiting, profile);

    const usable = await this.usable(settings, file, FRESH_MS, true);
    if (usable) {
      return { status: 'signed-in', profile, expiresAt: Date.parse(usable.token.expiresAt), how: usable.how };
    }

    const oidc = this.oidc(settings.region);
    const context = flowContext(settings);
    try {
      const saved = reusableRegistration(await readToken(file), settings, now);
      let registration =
        saved ?? (await registerClient(oidc, clientName(settings), settings.scopes, context));
      let code: DeviceCode;
      try {
        code = await startAuthorization(oidc, registration, settings.startUrl, now, context);
      } catch (error) {
        // A saved registration the service no longer knows: register anew, once.
        if (!saved || !(error instanceof AppError) || error.code !== 'SSO_LOGIN_REQUIRED') throw error;
        registration = await registerClient(oidc, clientName(settings), settings.scopes, context);
        code = await startAuthorization(oidc, registration, settings.startUrl, now, context);
      }
      waiting?.abort.abort();
      const pending: Pending = { id: randomUUID(), file, settings, code, abort: new AbortController() };
      this.#pending.set(file, pending);
      void this.finish(pending, registration, oidc);
      return pendingView(pending, profile);
    } catch (error) {
      oidc.destroy();
      throw error;
    }
  }

  /** Stops waiting for a sign-in; its outcome is reported as cancelled. Unknown ids are ignored. */
  cancel(signInId: string): void {
    for (const pending of this.#pending.values()) if (pending.id === signInId) pending.abort.abort();
  }

  /** The accounts the signed-in person may use (sso:ListAccounts, every page). */
  async listAccounts(profile: string) {
    const settings = await this.settings(profile);
    return this.onPortal(settings, 'list your AWS accounts', async (portal, accessToken) => {
      const accounts = [];
      for await (const page of paginateListAccounts({ client: portal }, { accessToken })) {
        for (const a of page.accountList ?? []) {
          if (!a.accountId) continue;
          if (a.accountName) this.#accountNames.set(a.accountId, a.accountName);
          accounts.push({
            accountId: a.accountId,
            accountName: a.accountName ?? null,
            emailAddress: a.emailAddress ?? null,
          });
        }
      }
      return { accounts };
    });
  }

  /** The roles the signed-in person may use in one account (sso:ListAccountRoles, every page). */
  async listRoles(profile: string, accountId: string) {
    const settings = await this.settings(profile);
    return this.onPortal(settings, `list your roles in account ${accountId}`, async (portal, accessToken) => {
      const roles: string[] = [];
      for await (const page of paginateListAccountRoles({ client: portal }, { accessToken, accountId })) {
        for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
      }
      return { roles };
    });
  }

  /**
   * Role credentials through the SDK's fromSSO, for the chosen account and role or the profile's own.
   * Before each fetch the cached token is renewed if it is about to expire, so the SDK reads a good one.
   */
  async credentials(profile: string, role?: SsoRole) {
    const settings = await readSsoSettings(profile, this.options.env);
    if (!settings) return null;
    const accountId = role?.accountId ?? settings.accountId;
    const roleName = role?.roleName ?? settings.roleName;
    if (!accountId || !roleName) {
      throw new AppError(
        'PROFILE_INVALID',
        `Profile "${profile}" names no account and role (sso_account_id, sso_role_name). Sign in, then choose the account and role to use.`,
      );
    }
    const { configFile, credentialsFile } = sharedFiles(this.options.env);
    // The wrapper hands its init to credential-provider-sso's fromSSO, which also takes the account and
    // role explicitly (its SsoCredentialsParameters); the wrapper's own type names only the profile form.
    const init: Parameters<typeof fromSSO>[0] & ExplicitSsoParameters = {
      profile,
      filepath: credentialsFile,
      configFilepath: configFile,
      ssoClient: this.portal(settings.region),
      ssoStartUrl: settings.startUrl,
      ssoRegion: settings.region,
      ssoAccountId: accountId,
      ssoRoleName: roleName,
      ...(settings.session ? { ssoSession: settings.session } : {}),
    };
    const fetchCredentials = fromSSO(init);
    let current: AwsCredentialIdentity | undefined;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      const expiration = current?.expiration?.getTime();
      if (current && expiration && expiration - this.options.clock.now() > CREDENTIALS_MARGIN_MS)
        return current;
      const token = await this.accessToken(settings);
      try {
        current = await fetchCredentials();
        return current;
      } catch (error) {
        if ((error as { name?: string }).name === 'UnauthorizedException') this.refuse(token);
        throw ssoError(error, {
          action: `get credentials for role ${roleName} in account ${accountId}`,
          profile,
          region: settings.region,
        });
      }
    };
    return {
      provider,
      sso: {
        startUrl: settings.startUrl,
        accountId,
        accountName: this.#accountNames.get(accountId) ?? null,
        roleName,
      },
    };
  }

  /** Stops every sign-in still waiting and closes the portal clients. */
  close(): void {
    for (const pending of this.#pending.values()) pending.abort.abort();
    for (const portal of this.#portals.values()) portal.destroy();
    this.#portals.clear();
  }

  // ------------------------------------------------------------------------------------------------------

  private async settings(profile: string): Promise<SsoSettings> {
    const settings = await readSsoSettings(profile, this.options.env);
    if (!settings) {
      throw new AppError(
        'PROFILE_INVALID',
        `Profile "${profile}" does not sign in through IAM Identity Center (it has no sso_session or sso_start_url). Connect with it directly.`,
      );
    }
    return settings;
  }

  private async finish(pending: Pending, registration: Registration, oidc: SSOOIDCClient): Promise<void> {
    const { settings, file, code, abort } = pending;
    const base = { signInId: pending.id, profile: settings.profile, expiresAt: null };
    let outcome: SsoSignInOutcome;
    try {
      const result = await pollForToken(oidc, registration, code, {
        clock: this.options.clock,
        signal: abort.signal,
        context: flowContext(settings),
      });
      if (result.kind === 'token') {
        await writeToken(file, {
          startUrl: settings.startUrl,
          region: settings.region,
          accessToken: result.token.accessToken,
          expiresAt: cacheTime(result.token.expiresAt),
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          registrationExpiresAt: cacheTime(registration.expiresAt),
          ...(result.token.refreshToken ? { refreshToken: result.token.refreshToken } : {}),
        });
        outcome = { ...base, state: 'signed-in', message: null, expiresAt: result.token.expiresAt };
      } else {
        outcome = { ...base, state: result.kind, message: ENDED[result.kind] };
      }
    } catch (error) {
      const message =
        error instanceof AppError ? error.message : 'The sign-in failed unexpectedly. Try signing in again.';
      outcome = { ...base, state: 'failed', message };
    } finally {
      if (this.#pending.get(file) === pending) this.#pending.delete(file);
      oidc.destroy();
    }
    this.options.onOutcome?.(outcome);
  }

  /**
   * A cached token good for more than `windowMs`, renewing it with its refresh token where that is
   * possible; with `interactive` false, also one still valid for less (the person is not there to sign in).
   */
  private async usable(
    settings: SsoSettings,
    file: string,
    windowMs: number,
    interactive: boolean,
  ): Promise<Usable | null> {
    const token = await readToken(file);
    if (!token || !belongsTo(token, settings)) return null;
    const now = this.options.clock.now();
    const expiresAt = Date.parse(token.expiresAt);
    const refused = this.#refused.has(digest(token.accessToken));
    if (!refused && expiresAt - now > windowMs) return { token, how: 'saved' };
    if (canRefresh(token, now)) {
      try {
        return { token: await this.refresh(settings, file, token), how: 'refreshed' };
      } catch (error) {
        const signInAgain = error instanceof AppError && error.code === 'SSO_LOGIN_REQUIRED';
        if (!signInAgain && (interactive || refused || expiresAt <= now)) throw error;
      }
    }
    if (!interactive && !refused && expiresAt > now) return { token, how: 'saved' };
    return null;
  }

  /** One refresh at a time per cache file; the new token replaces the old one in the cache. */
  private refresh(settings: SsoSettings, file: string, token: CachedToken): Promise<CachedToken> {
    const running = this.#refreshing.get(file);
    if (running) return running;
    const work = (async () => {
      const oidc = this.oidc(settings.region);
      try {
        const fresh = await refreshAccessToken(
          oidc,
          {
            clientId: token.clientId as string,
            clientSecret: token.clientSecret as string,
            refreshToken: token.refreshToken as string,
          },
          this.options.clock.now(),
          flowContext(settings),
        );
        const next: CachedToken = {
          ...token,
          accessToken: fresh.accessToken,
          expiresAt: cacheTime(fresh.expiresAt),
          ...(fresh.refreshToken ? { refreshToken: fresh.refreshToken } : {}),
        };
        await writeToken(file, next);
        return next;
      } finally {
        oidc.destroy();
        this.#refreshing.delete(file);
      }
    })();
    this.#refreshing.set(file, work);
    return work;
  }

  /** The access token for calls while connected; SSO_LOGIN_REQUIRED when the person must sign in again. */
  private async accessToken(settings: SsoSettings): Promise<string> {
    const usable = await this.usable(settings, tokenFile(settings, this.options.env), RENEW_MS, false);
    if (!usable) {
      throw new AppError(
        'SSO_LOGIN_REQUIRED',
        `You are not signed in with IAM Identity Center for profile "${settings.profile}", or the sign-in has expired. Sign in again.`,
      );
    }
    return usable.token.accessToken;
  }

  private async onPortal<T>(
    settings: SsoSettings,
    action: string,
    work: (portal: SSOClient, accessToken: string) => Promise<T>,
  ): Promise<T> {
    const accessToken = await this.accessToken(settings);
    try {
      return await work(this.portal(settings.region), accessToken);
    } catch (error) {
      if ((error as { name?: string }).name === 'UnauthorizedException') this.refuse(accessToken);
      throw ssoError(error, { action, profile: settings.profile, region: settings.region });
    }
  }

  private refuse(accessToken: string): void {
    this.#refused.add(digest(accessToken));
  }

  private oidc(region: string): SSOOIDCClient {
    return new SSOOIDCClient(clientConfig(region, this.options.clientOptions ?? {}));
  }

  private portal(region: string): SSOClient {
    let portal = this.#portals.get(region);
    if (!portal) {
      portal = new SSOClient(clientConfig(region, this.options.clientOptions ?? {}));
      this.#portals.set(region, portal);
    }
    return portal;
  }
}

function pendingView(pending: Pending, profile: string): SsoStart {
  const { userCode, verificationUri, verificationUriComplete, expiresAt } = pending.code;
  return {
    status: 'pending',
    signInId: pending.id,
    profile,
    userCode,
    verificationUri,
    verificationUriComplete,
    expiresAt,
  };
}

function flowContext(settings: SsoSettings): FlowContext {
  return { profile: settings.profile, region: settings.region };
}

/** The name the app registers under, as the CLI's `botocore-client-<session>`. */
function clientName(settings: SsoSettings): string {
  return `snowball-companion-${settings.session ?? 'legacy'}`;
}

/** A token cached for another portal or region (the settings changed since) is not this sign-in's. */
function belongsTo(token: CachedToken, settings: SsoSettings): boolean {
  return (
    (!token.startUrl || token.startUrl === settings.startUrl) &&
    (!token.region || token.region === settings.region)
  );
}

function canRefresh(token: CachedToken, now: number): boolean {
  if (!token.refreshToken || !token.clientId || !token.clientSecret) return false;
  return !token.registrationExpiresAt || Date.parse(token.registrationExpiresAt) > now;
}

/** The registration saved beside a token, while it has a day left, for the same portal and region. */
function reusableRegistration(
  token: CachedToken | null,
  settings: SsoSettings,
  now: number,
): Registration | null {
  if (
    !token?.clientId ||
    !token.clientSecret ||
    !token.registrationExpiresAt ||
    !belongsTo(token, settings)
  ) {
    return null;
  }
  const expiresAt = Date.parse(token.registrationExpiresAt);
  if (!(expiresAt - now > 24 * 3600_000)) return null;
  return { clientId: token.clientId, clientSecret: token.clientSecret, expiresAt };
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
