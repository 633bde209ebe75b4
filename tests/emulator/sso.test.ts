/**
 * The emulator's IAM Identity Center through the real SDK clients (@aws-sdk/client-sso-oidc and
 * @aws-sdk/client-sso) over HTTP: the device authorization flow of RFC 8628 as sso-oidc models it, the
 * access portal, and role credentials the Snowball and STS front doors then accept.
 */
import { ListJobsCommand } from '@aws-sdk/client-snowball';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SSO_START_URL, SSO_SECRET_MARKERS, start, type Emulator } from '../../emulator/index';
import { admin, must, rejectionOf, snowball, sts } from './helpers';

let emu: Emulator;
let oidc: SSOOIDCClient;
let portal: SSOClient;

beforeAll(async () => {
  emu = await start({ seed: 'sso' });
  oidc = new SSOOIDCClient({ endpoint: emu.url, region: 'us-east-1', maxAttempts: 1 });
  portal = new SSOClient({ endpoint: emu.url, region: 'us-east-1', maxAttempts: 1 });
});
afterAll(async () => {
  oidc.destroy();
  portal.destroy();
  await emu.stop();
});

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function register(scopes?: string[]) {
  const out = await oidc.send(
    new RegisterClientCommand({
      clientName: 'test-client',
      clientType: 'public',
      ...(scopes ? { scopes } : {}),
    }),
  );
  return { clientId: must(out.clientId), clientSecret: must(out.clientSecret), out };
}

async function authorize(client: { clientId: string; clientSecret: string }) {
  return oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl: DEMO_SSO_START_URL }));
}

function poll(client: { clientId: string; clientSecret: string }, deviceCode: string) {
  return oidc.send(new CreateTokenCommand({ ...client, grantType: DEVICE_GRANT, deviceCode }));
}

/** Lets the next poll count as well paced (the emulator answers slow_down to polls under half the interval). */
const waitInterval = () => emu.advanceClock(1000);

async function signedIn(scopes?: string[]) {
  const client = await register(scopes);
  const auth = await authorize(client);
  expect((await admin(emu, 'POST', `/sso/sign-ins/${must(auth.userCode)}/approve`)).status).toBe(200);
  const token = await poll(client, must(auth.deviceCode));
  return { client, token, accessToken: must(token.accessToken) };
}

describe('sso-oidc: registering and the device authorization flow', () => {
  it('registers a public client for 90 days and refuses other client types', async () => {
    const { out, clientSecret } = await register(['sso:account:access']);
    expect(clientSecret.startsWith(SSO_SECRET_MARKERS.clientSecret)).toBe(true);
    expect(must(out.clientSecretExpiresAt) - must(out.clientIdIssuedAt)).toBe(90 * 24 * 3600);
    const refused = await rejectionOf(
      oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
    );
    expect(refused.name).toBe('InvalidClientMetadataException');
    expect(refused.error).toBe('invalid_client_metadata');
  });

  it('starts an authorization with a user code, a verification page and the interval to poll at', async () => {
    const auth = await authorize(await register());
    expect(auth.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(auth.verificationUri).toBe('https://device.sso.us-east-1.amazonaws.com/');
    expect(auth.verificationUriComplete).toBe(`${auth.verificationUri}?user_code=${auth.userCode}`);
    expect(auth).toMatchObject({ expiresIn: 600, interval: 1 });
    expect(auth.deviceCode?.startsWith(SSO_SECRET_MARKERS.deviceCode)).toBe(true);
  });

  it('answers authorization_pending until the person approves, then a token once', async () => {
    const client = await register(['sso:account:access']);
    const auth = await authorize(client);
    const pending = await rejectionOf(poll(client, must(auth.deviceCode)));
    expect(pending.name).toBe('AuthorizationPendingException');
    expect(pending.error).toBe('authorization_pending');

    const view = await admin(emu, 'GET', '/sso/sign-ins');
    const listed = (view.json.signIns as { userCode: string; state: string }[]).find(
      (s) => s.userCode === auth.userCode,
    );
    expect(listed?.state).toBe('pending');
    expect(JSON.stringify(view.json)).not.toContain(must(auth.deviceCode));

    await admin(emu, 'POST', `/sso/sign-ins/${must(auth.userCode)}/approve`);
    waitInterval();
    const token = await poll(client, must(auth.deviceCode));
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(token.accessToken?.startsWith(SSO_SECRET_MARKERS.accessToken)).toBe(true);
    expect(token.refreshToken?.startsWith(SSO_SECRET_MARKERS.refreshToken)).toBe(true);

    waitInterval();
    const again = await rejectionOf(poll(client, must(auth.deviceCode)));
    expect(again.name).toBe('InvalidGrantException');
  });

  it('issues no refresh token to a client registered without scopes (legacy sign-in: eight hours)', async () => {
    const { token } = await signedIn();
    expect(token.refreshToken).toBeUndefined();
    expect(token.expiresIn).toBe(8 * 3600);
  });

  it('answers access_denied when the person cancels on the page', async () => {
    const client = await register();
    const auth = await authorize(client);
    await admin(emu, 'POST', `/sso/sign-ins/${must(auth.userCode)}/deny`);
    const denied = await rejectionOf(poll(client, must(auth.deviceCode)));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.error).toBe('access_denied');
  });

  it('answers expired_token once the code has expired on the emulator clock', async () => {
    const client = await register();
    const auth = await authorize(client);
    emu.advanceClock(600_000);
    const expired = await rejectionOf(poll(client, must(auth.deviceCode)));
    expect(expired.name).toBe('ExpiredTokenException');
    expect(expired.error).toBe('expired_token');
    expect((await admin(emu, 'POST', `/sso/sign-ins/${must(auth.userCode)}/approve`)).status).toBe(400);
  });

  it('answers slow_down to polls faster than the interval, and adds 5 s to it each time', async () => {
    const client = await register();
    const auth = await authorize(client);
    const code = must(auth.deviceCode);
    expect((await rejectionOf(poll(client, code))).name).toBe('AuthorizationPendingException');
    const tooSoon = await rejectionOf(poll(client, code));
    expect(tooSoon.name).toBe('SlowDownException');
    expect(tooSoon.error).toBe('slow_down');
    const signIn = () => emu.sso.signIns().find((s) => s.userCode === auth.userCode);
    expect(signIn()?.intervalSeconds).toBe(6);

    const armed = await admin(emu, 'POST', `/sso/sign-ins/${must(auth.userCode)}/slow-down`, { count: 2 });
    expect(armed.json).toMatchObject({ userCode: auth.userCode, state: 'pending' });
    emu.advanceClock(6000);
    expect((await rejectionOf(poll(client, code))).name).toBe('SlowDownException');
    emu.advanceClock(11_000);
    expect((await rejectionOf(poll(client, code))).name).toBe('SlowDownException');
    expect(signIn()?.intervalSeconds).toBe(16);
    emu.advanceClock(16_000);
    expect((await rejectionOf(poll(client, code))).name).toBe('AuthorizationPendingException');
  });

  it('refreshes with the refresh token of the same client only', async () => {
    const { client, token } = await signedIn(['sso:account:access']);
    const refreshed = await oidc.send(
      new CreateTokenCommand({
        ...client,
        grantType: 'refresh_token',
        refreshToken: must(token.refreshToken),
      }),
    );
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(refreshed.refreshToken).toBeDefined();

    const other = await register(['sso:account:access']);
    const foreign = await rejectionOf(
      oidc.send(
        new CreateTokenCommand({
          ...other,
          grantType: 'refresh_token',
          refreshToken: must(token.refreshToken),
        }),
      ),
    );
    expect(foreign.name).toBe('InvalidGrantException');
  });

  it('refuses a wrong client secret and an unsupported grant', async () => {
    const client = await register();
    const wrong = await rejectionOf(authorize({ ...client, clientSecret: 'not-it' }));
    expect(wrong.name).toBe('InvalidClientException');
    expect(wrong.$metadata).toMatchObject({ httpStatusCode: 401 });
    const grant = await rejectionOf(oidc.send(new CreateTokenCommand({ ...client, grantType: 'password' })));
    expect(grant.name).toBe('UnsupportedGrantTypeException');
  });
});

describe('sso: the access portal', () => {
  it('lists the accounts and roles assigned to the person, page by page', async () => {
    const { accessToken } = await signedIn();
    const first = await portal.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    expect(first.accountList).toEqual([
      { accountId: '111122223333', accountName: 'Snowball demo', emailAddress: 'snowball-demo@example.com' },
    ]);
    const second = await portal.send(
      new ListAccountsCommand({ accessToken, maxResults: 1, nextToken: must(first.nextToken) }),
    );
    expect(second.accountList?.map((a) => a.accountId)).toEqual(['444455556666']);
    expect(second.nextToken).toBeUndefined();
    const roles = await portal.send(new ListAccountRolesCommand({ accessToken, accountId: '111122223333' }));
    expect(roles.roleList).toEqual([
      { roleName: 'SnowballOperator', accountId: '111122223333' },
      { roleName: 'ReadOnly', accountId: '111122223333' },
    ]);
    const badPage = await rejectionOf(portal.send(new ListAccountsCommand({ accessToken, maxResults: 101 })));
    expect(badPage.name).toBe('InvalidRequestException');
  });

  it('issues role credentials that Snowball and STS accept, as the assumed role', async () => {
    const { accessToken } = await signedIn();
    const { roleCredentials } = await portal.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111122223333', roleName: 'SnowballOperator' }),
    );
    const creds = must(roleCredentials);
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toHaveLength(40);
    expect(must(creds.expiration) - emu.now()).toBeGreaterThan(3590_000);
    expect(must(creds.expiration) - emu.now()).toBeLessThanOrEqual(3600_000);
    const credentials = {
      accessKeyId: must(creds.accessKeyId),
      secretAccessKey: must(creds.secretAccessKey),
      sessionToken: must(creds.sessionToken),
    };
    const who = await sts(emu, 'us-east-1', credentials).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(
      /^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_SnowballOperator_[0-9a-f]{16}\/site\.person@example\.com$/,
    );
    const jobs = await snowball(emu, 'us-west-2', { credentials }).send(new ListJobsCommand({}));
    expect(jobs.JobListEntries?.length).toBeGreaterThan(0);
    const withoutToken = await rejectionOf(
      sts(emu, 'us-east-1', { ...credentials, sessionToken: '' }, 1).send(new GetCallerIdentityCommand({})),
    );
    expect(withoutToken.name).toBe('InvalidClientTokenId');
  });

  it('refuses role credentials past their expiration, as Snowball and STS do', async () => {
    const { accessToken } = await signedIn();
    const { roleCredentials } = await portal.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111122223333', roleName: 'SnowballOperator' }),
    );
    const creds = must(roleCredentials);
    const credentials = {
      accessKeyId: must(creds.accessKeyId),
      secretAccessKey: must(creds.secretAccessKey),
      sessionToken: must(creds.sessionToken),
    };
    const jobs = snowball(emu, 'us-west-2', { credentials, maxAttempts: 1 });
    expect((await jobs.send(new ListJobsCommand({}))).JobListEntries?.length).toBeGreaterThan(0);
    emu.advanceClock(must(creds.expiration) - emu.now());
    const expired = await rejectionOf(jobs.send(new ListJobsCommand({})));
    expect(expired.name).toBe('ExpiredTokenException');
    expect(expired.message).not.toContain(credentials.sessionToken);
    const who = await rejectionOf(
      sts(emu, 'us-east-1', credentials, 1).send(new GetCallerIdentityCommand({})),
    );
    expect(who.name).toBe('ExpiredToken');
  });

  it('refuses an account or role not assigned, an unknown token, and a token after logout', async () => {
    const { accessToken } = await signedIn();
    const forbidden = await rejectionOf(
      portal.send(
        new GetRoleCredentialsCommand({ accessToken, accountId: '444455556666', roleName: 'ReadOnly' }),
      ),
    );
    expect(forbidden.name).toBe('ForbiddenException');
    expect(forbidden.$metadata).toMatchObject({ httpStatusCode: 403 });
    const unknown = await rejectionOf(
      portal.send(new ListAccountsCommand({ accessToken: 'aoa-not-a-token' })),
    );
    expect(unknown.name).toBe('UnauthorizedException');
    expect(unknown.message).not.toContain('aoa-not-a-token');
    await portal.send(new LogoutCommand({ accessToken }));
    const after = await rejectionOf(portal.send(new ListAccountsCommand({ accessToken })));
    expect(after.name).toBe('UnauthorizedException');
  });

  it('expires access tokens on the emulator clock', async () => {
    const { accessToken } = await signedIn();
    emu.advanceClock(8 * 3600_000);
    expect((await rejectionOf(portal.send(new ListAccountsCommand({ accessToken })))).name).toBe(
      'UnauthorizedException',
    );
  });
});

describe('the request log and faults', () => {
  it('logs the operations as REST-JSON without a token, and fires faults armed on them', async () => {
    emu.resetRequests();
    const { accessToken } = await signedIn();
    const logged = emu.requests({ protocol: 'rest-json' });
    expect(logged.map((r) => r.operation)).toEqual([
      'RegisterClient',
      'StartDeviceAuthorization',
      'CreateToken',
    ]);
    expect(JSON.stringify(logged)).not.toContain(accessToken);

    emu.addFault('CreateToken:500');
    const client = await register();
    const auth = await authorize(client);
    const failed = await rejectionOf(poll(client, must(auth.deviceCode)));
    expect(failed.name).toBe('InternalServerException');
    emu.addFault('ListAccounts:throttle');
    expect((await rejectionOf(portal.send(new ListAccountsCommand({ accessToken })))).name).toBe(
      'TooManyRequestsException',
    );
  });
});
