/**
 * Signing in with IAM Identity Center against the emulator over real HTTP with the real SDK clients:
 * the device authorization flow polled on a manual clock (shared with the emulator, so both agree on
 * time), the shared token cache, refresh, the portal, and fromSSO's role credentials used for Snowball.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ListJobsCommand } from '@aws-sdk/client-snowball';
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SsoSignInOutcome } from '../../../electron/contract';
import { connect } from '../../../electron/core/session';
import { SsoSessions, type SsoStart } from '../../../electron/core/sso/sso-sessions';
import { DEMO_SSO_START_URL, SSO_SECRET_MARKERS, start, type Emulator } from '../../../emulator';
import { ManualClock } from '../../helpers/manual-clock';
import { SSO_PROFILES, SSO_SESSION } from '../../helpers/sso-profiles';
import { tempDir } from '../../helpers/temp-dirs';

const LEGACY_URL = 'https://legacy.awsapps.com/start';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

let clock: ManualClock;
let emulator: Emulator;
let home: string;
let env: NodeJS.ProcessEnv;
let outcomes: SsoSignInOutcome[];
let sso: SsoSessions;

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  emulator = await start({ seed: 'sso-sessions', clock });
  home = tempDir('sso-home-');
  const config = path.join(home, 'aws-config');
  writeFileSync(
    config,
    `${SSO_PROFILES}
[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = ReadOnly
`,
  );
  env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };
  outcomes = [];
  sso = new SsoSessions({
    env,
    clock,
    clientOptions: { endpoint: emulator.url, maxAttempts: 1 },
    onOutcome: (outcome) => outcomes.push(outcome),
  });
});
afterEach(async () => {
  sso.close();
  vi.unstubAllEnvs();
  await emulator.stop();
});

const cacheFile = (id: string) => path.join(home, '.aws', 'sso', 'cache', `${sha1(id)}.json`);
const calls = (operation: string) => emulator.requests({ operation }).length;

/** Waits until the sign-in sleeps before its next poll, then lets `ms` pass. */
async function pass(ms: number): Promise<void> {
  await vi.waitFor(() => expect(clock.pending()).toBe(1));
  clock.advance(ms);
}

function pending(started: SsoStart) {
  if (started.status !== 'pending') throw new Error(`expected a pending sign-in, got ${started.status}`);
  return started;
}

/** Signs in through the device flow, approving as the person would on the verification page. */
async function signIn(profile: string) {
  const started = pending(await sso.start(profile));
  emulator.sso.decide(started.userCode, 'approve');
  await pass(1000);
  await vi.waitFor(() => expect(outcomes.at(-1)?.signInId).toBe(started.signInId));
  return { started, outcome: outcomes.at(-1) as SsoSignInOutcome };
}

/** Everything the sign-in handed out of core, to check for secrets. */
const visible = (...values: unknown[]) => JSON.stringify([...values, outcomes]);
function expectNoSecrets(text: string) {
  for (const marker of Object.values(SSO_SECRET_MARKERS)) expect(text).not.toContain(marker);
}

describe('the device authorization flow', () => {
  it('shows a code and the verification page, polls at the interval asked, and saves the token the CLI way', async () => {
    const started = pending(await sso.start('site-sso'));
    expect(started).toMatchObject({
      profile: 'site-sso',
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
      expiresAt: clock.now() + 600_000,
    });
    expect(started.verificationUriComplete).toBe(`${started.verificationUri}?user_code=${started.userCode}`);
    expect(calls('CreateToken')).toBe(0);

    await pass(999);
    expect(calls('CreateToken')).toBe(0);
    clock.advance(1);
    await vi.waitFor(() => expect(calls('CreateToken')).toBe(1));
    await pass(1000);
    await vi.waitFor(() => expect(calls('CreateToken')).toBe(2));
    expect(outcomes).toEqual([]);

    emulator.sso.decide(started.userCode, 'approve');
    await pass(1000);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toEqual({
      signInId: started.signInId,
      profile: 'site-sso',
      state: 'signed-in',
      message: null,
      expiresAt: clock.now() + 3600_000,
    });

    const file = cacheFile(SSO_SESSION);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(saved).sort()).toEqual(
      [
        'accessToken',
        'clientId',
        'clientSecret',
        'expiresAt',
        'refreshToken',
        'region',
        'registrationExpiresAt',
        'startUrl',
      ].sort(),
    );
    expect(saved).toMatchObject({ startUrl: DEMO_SSO_START_URL, region: 'us-east-1' });
    expect(saved.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(saved.accessToken?.startsWith(SSO_SECRET_MARKERS.accessToken)).toBe(true);
    expect(saved.refreshToken?.startsWith(SSO_SECRET_MARKERS.refreshToken)).toBe(true);
    expect(saved.clientSecret?.startsWith(SSO_SECRET_MARKERS.clientSecret)).toBe(true);
    expectNoSecrets(visible(started));
  });

  it('adds 5 s to the interval for every slow_down, for all the polls after it', async () => {
    const started = pending(await sso.start('site-sso'));
    emulator.sso.slowDown(started.userCode, 1);
    await pass(1000);
    await vi.waitFor(() => expect(calls('CreateToken')).toBe(1));
    await pass(5999);
    expect(calls('CreateToken')).toBe(1);
    clock.advance(1);
    await vi.waitFor(() => expect(calls('CreateToken')).toBe(2));
    await pass(5999);
    expect(calls('CreateToken')).toBe(2);
    clock.advance(1);
    await vi.waitFor(() => expect(calls('CreateToken')).toBe(3));
    expect(outcomes).toEqual([]);
  });

  it('ends with a message when the person denies, when the code expires, and on cancel', async () => {
    const denied = pending(await sso.start('site-sso'));
    emulator.sso.decide(denied.userCode, 'deny');
    await pass(1000);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ state: 'denied', message: expect.stringContaining('Sign in again') });

    const expired = pending(await sso.start('site-sso'));
    await vi.waitFor(() => expect(clock.pending()).toBe(1));
    clock.advance(600_000);
    await vi.waitFor(() => expect(outcomes).toHaveLength(2));
    expect(outcomes[1]).toMatchObject({
      signInId: expired.signInId,
      state: 'expired',
      message: expect.stringContaining('code expired'),
    });

    const cancelled = pending(await sso.start('site-sso'));
    await vi.waitFor(() => expect(clock.pending()).toBe(1));
    sso.cancel(cancelled.signInId);
    await vi.waitFor(() => expect(outcomes).toHaveLength(3));
    expect(outcomes[2]).toMatchObject({ signInId: cancelled.signInId, state: 'cancelled' });
    expect(clock.pending()).toBe(0);
    expect(() => sso.cancel(cancelled.signInId)).not.toThrow();
  });

  it('answers the same code while it waits, and keeps polling through a failure that may pass', async () => {
    const first = pending(await sso.start('site-sso'));
    expect(await sso.start('site-sso')).toEqual(first);
    emulator.addFault('CreateToken:500');
    await pass(1000);
    await vi.waitFor(() => expect(calls('CreateToken')).toBe(1));
    emulator.sso.decide(first.userCode, 'approve');
    await pass(1000);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]?.state).toBe('signed-in');
  });
});

describe('the saved sign-in', () => {
  it('is used without asking while valid, shared by every profile of the session', async () => {
    await signIn('site-sso');
    const before = calls('StartDeviceAuthorization');
    expect(await sso.start('site-sso')).toMatchObject({
      status: 'signed-in',
      how: 'saved',
      profile: 'site-sso',
    });
    expect(await sso.start('chooser')).toMatchObject({ status: 'signed-in', how: 'saved' });
    expect(calls('StartDeviceAuthorization')).toBe(before);
  });

  it('counts a sign-in the AWS CLI made (its cache file, its JSON)', async () => {
    const oidc = new SSOOIDCClient({ endpoint: emulator.url, region: 'us-east-1' });
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'botocore-client-snowball-demo',
        clientType: 'public',
        scopes: ['sso:account:access'],
      }),
    );
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: DEMO_SSO_START_URL,
      }),
    );
    emulator.sso.decide(auth.userCode as string, 'approve');
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: auth.deviceCode,
      }),
    );
    oidc.destroy();
    mkdirSync(path.dirname(cacheFile(SSO_SESSION)), { recursive: true });
    const expiresAt = new Date(clock.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    writeFileSync(
      cacheFile(SSO_SESSION),
      JSON.stringify({
        startUrl: DEMO_SSO_START_URL,
        region: 'us-east-1',
        accessToken: token.accessToken,
        expiresAt,
      }),
    );
    expect(await sso.start('site-sso')).toMatchObject({ status: 'signed-in', how: 'saved' });
    expect((await sso.listAccounts('site-sso')).accounts).toHaveLength(2);
  });

  it('is refreshed with its refresh token when about to expire, without the person', async () => {
    await signIn('site-sso');
    const file = cacheFile(SSO_SESSION);
    const old = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    writeFileSync(file, JSON.stringify({ ...old, expiresAt: new Date(clock.now() + 60_000).toISOString() }));
    const devices = calls('StartDeviceAuthorization');
    const tokens = calls('CreateToken');

    const started = await sso.start('site-sso');
    // The cache keeps whole seconds, as the CLI writes it.
    const expiresAt = Math.floor((clock.now() + 3600_000) / 1000) * 1000;
    expect(started).toMatchObject({ status: 'signed-in', how: 'refreshed', expiresAt });
    expect(calls('StartDeviceAuthorization')).toBe(devices);
    expect(calls('CreateToken')).toBe(tokens + 1);
    const renewed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(renewed.accessToken).not.toBe(old.accessToken);
    expect(renewed.refreshToken).not.toBe(old.refreshToken);
    expect(renewed).toMatchObject({
      clientId: old.clientId,
      clientSecret: old.clientSecret,
      startUrl: DEMO_SSO_START_URL,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expectNoSecrets(visible(started));
  });

  it('cannot be refreshed in the legacy form: the person signs in again', async () => {
    const { outcome } = await signIn('legacy');
    expect(outcome).toMatchObject({ state: 'signed-in', expiresAt: clock.now() + 8 * 3600_000 });
    const file = cacheFile(LEGACY_URL);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(saved.refreshToken).toBeUndefined();
    writeFileSync(
      file,
      JSON.stringify({ ...saved, expiresAt: new Date(clock.now() + 60_000).toISOString() }),
    );
    expect((await sso.start('legacy')).status).toBe('pending');
  });

  it('is not used again once the portal refuses it', async () => {
    await signIn('legacy');
    const saved = JSON.parse(readFileSync(cacheFile(LEGACY_URL), 'utf8')) as Record<string, string>;
    const portal = new SSOClient({ endpoint: emulator.url, region: 'us-east-1' });
    await portal.send(new LogoutCommand({ accessToken: saved.accessToken }));
    portal.destroy();
    const refused = await sso.listAccounts('legacy').catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'SSO_LOGIN_REQUIRED',
      message: expect.stringContaining('Sign in again'),
    });
    expectNoSecrets(visible((refused as Error).message));
    expect((await sso.start('legacy')).status).toBe('pending');
  });
});

describe('accounts, roles and credentials', () => {
  it('says to sign in first when there is no sign-in, and refuses a profile that is not SSO', async () => {
    await expect(sso.listAccounts('site-sso')).rejects.toMatchObject({
      code: 'SSO_LOGIN_REQUIRED',
      message: expect.stringContaining('not signed in with IAM Identity Center for profile "site-sso"'),
    });
    await expect(sso.start('keys')).rejects.toMatchObject({ code: 'PROFILE_INVALID' });
    expect(await sso.credentials('keys')).toBeNull();
  });

  it('lists the accounts and roles, and connects as the chosen role through fromSSO', async () => {
    vi.stubEnv('HOME', home);
    vi.stubEnv('AWS_CONFIG_FILE', env.AWS_CONFIG_FILE);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', env.AWS_SHARED_CREDENTIALS_FILE);
    await signIn('chooser');
    const { accounts } = await sso.listAccounts('chooser');
    expect(accounts).toEqual([
      { accountId: '111122223333', accountName: 'Snowball demo', emailAddress: 'snowball-demo@example.com' },
      { accountId: '444455556666', accountName: 'Logistics sandbox', emailAddress: 'logistics@example.com' },
    ]);
    expect(await sso.listRoles('chooser', '111122223333')).toEqual({
      roles: ['SnowballOperator', 'ReadOnly'],
    });

    await expect(
      connect({ kind: 'profile', profile: 'chooser' }, { endpoint: emulator.url, sso }),
    ).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      message: expect.stringContaining('choose the account and role'),
    });
    const session = await connect(
      {
        kind: 'profile',
        profile: 'chooser',
        ssoRole: { accountId: '444455556666', roleName: 'SnowballOperator' },
      },
      { endpoint: emulator.url, homeRegion: 'us-west-2', sso },
    );
    expect(session.identity.arn).toMatch(
      /^arn:aws:sts::444455556666:assumed-role\/AWSReservedSSO_SnowballOperator_[0-9a-f]{16}\/site\.person@example\.com$/,
    );
    expect(session.sso).toEqual({
      startUrl: DEMO_SSO_START_URL,
      accountId: '444455556666',
      accountName: 'Logistics sandbox',
      roleName: 'SnowballOperator',
    });
    const jobs = await session.snowball('us-west-2').send(new ListJobsCommand({}));
    expect(jobs.JobListEntries?.length).toBeGreaterThan(0);
    expect(calls('GetRoleCredentials')).toBe(1);
    expectNoSecrets(visible(session, Object.entries(session)));
    session.close();

    const forbidden = connect(
      { kind: 'profile', profile: 'chooser', ssoRole: { accountId: '444455556666', roleName: 'ReadOnly' } },
      { endpoint: emulator.url, sso, maxAttempts: 1 },
    );
    await expect(forbidden).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('not assigned'),
    });
  });

  it("connects with the profile's own account and role, renewing the token first when it is about to expire", async () => {
    vi.stubEnv('HOME', home);
    vi.stubEnv('AWS_CONFIG_FILE', env.AWS_CONFIG_FILE);
    await signIn('site-sso');
    const file = cacheFile(SSO_SESSION);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    writeFileSync(file, JSON.stringify({ ...saved, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
    const session = await connect({ kind: 'profile', profile: 'site-sso' }, { endpoint: emulator.url, sso });
    expect(session.identity.arn).toContain(':111122223333:assumed-role/AWSReservedSSO_SnowballOperator_');
    expect(session.sso).toMatchObject({
      accountId: '111122223333',
      roleName: 'SnowballOperator',
      accountName: null,
    });
    const renewed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(renewed.accessToken).not.toBe(saved.accessToken);
    session.close();
  });

  it('says to sign in again when connecting without a sign-in', async () => {
    await expect(
      connect({ kind: 'profile', profile: 'site-sso' }, { endpoint: emulator.url, sso }),
    ).rejects.toMatchObject({
      code: 'SSO_LOGIN_REQUIRED',
    });
  });
});
