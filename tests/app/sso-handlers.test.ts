/**
 * The IAM Identity Center channels, called the way the window calls them (through the registry) onto the
 * real composition, against the emulator over HTTP: the verification page handed to the shell's
 * openExternal (through the allowlist), the outcome as an event, accounts and roles, the connection, the
 * audit log — and no token, refresh token or client secret in any of it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wireName, type ChannelName } from '../../electron/contract';
import { InProcessDemoAccount } from '../../electron/core/demo-account';
import { memoryClipboard } from '../../electron/core/ports';
import { composeApp, type ComposedApp } from '../../electron/app/compose';
import { allowedExternalUrl } from '../../electron/app/external-links';
import { registerChannels, type RawHandler } from '../../electron/app/ipc-registry';
import { SSO_SECRET_MARKERS, type Emulator } from '../../emulator';
import { SSO_PROFILES } from '../helpers/sso-profiles';
import { APP_INFO } from '../../testkit/app-info';
import { tempDir } from '../helpers/temp-dirs';

const ORIGIN = 'app://companion';
const home = tempDir('companion-sso-handlers-');
const config = path.join(home, 'aws-config');
writeFileSync(config, SSO_PROFILES);
mkdirSync(path.join(home, 'data'), { mode: 0o700 });
const env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };

const demo = new InProcessDemoAccount({ seed: 'sso-handlers' });
const routes = new Map<string, RawHandler>();
const events: [string, unknown][] = [];
const opened: string[] = [];
const answers: unknown[] = [];
let emulator: Emulator;
let app: ComposedApp;

async function call<T = unknown>(name: ChannelName, input: unknown = {}): Promise<T> {
  const result = await routes.get(wireName(name))!({ origin: ORIGIN, isMainFrame: true }, input);
  answers.push(result);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

const signInEvents = () =>
  events.filter(([wire]) => wire === 'companion-event:ssoSignIn').map(([, payload]) => payload);

beforeAll(async () => {
  // fromSSO (the SDK) reads the shared files and the token cache of this process's environment.
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  emulator = await demo.emulator();
  app = await composeApp({
    dataDir: path.join(home, 'data'),
    clipboard: memoryClipboard(),
    demo,
    env,
    clientOptions: { endpoint: emulator.url },
    send: (wire, payload) => events.push([wire, payload]),
    shell: {
      appInfo: { ...APP_INFO, shell: 'electron', nativeDialogs: true },
      dialogs: null,
      // As Electron main does: only an allowlisted link reaches the browser.
      openExternal: async (url) => {
        const allowed = allowedExternalUrl(url);
        if (!allowed) return false;
        opened.push(allowed);
        return true;
      },
    },
  });
  registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, app.handlers, { trustedOrigin: ORIGIN });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await app.service.close();
  await demo.stop();
});

describe('signing in with IAM Identity Center through the channels', () => {
  it('lists the SSO profiles with their settings', async () => {
    const { profiles } = await call<{ profiles: { name: string; kind: string; sso: unknown }[] }>(
      'listCredentialSources',
    );
    expect(profiles.find((p) => p.name === 'chooser')).toMatchObject({
      kind: 'sso',
      sso: { session: 'snowball-demo', region: 'us-east-1', accountId: null, roleName: null },
    });
  });

  it('starts a sign-in, opens the verification page in the browser, and reports the approval as an event', async () => {
    const started = await call<{
      status: string;
      signInId: string;
      userCode: string;
      verificationUriComplete: string;
    }>('startSsoSignIn', { profile: 'chooser' });
    expect(started).toMatchObject({ status: 'pending', browserOpened: true });
    expect(opened).toEqual([started.verificationUriComplete]);
    emulator.sso.decide(started.userCode, 'approve');
    await vi.waitFor(() => expect(signInEvents()).toHaveLength(1), { timeout: 10_000 });
    expect(signInEvents()[0]).toMatchObject({
      signInId: started.signInId,
      profile: 'chooser',
      state: 'signed-in',
    });
    expect(await call('startSsoSignIn', { profile: 'site-sso' })).toMatchObject({
      status: 'signed-in',
      how: 'saved',
    });
  });

  it('lists accounts and roles, connects as the chosen role, and lists jobs with its credentials', async () => {
    const { accounts } = await call<{ accounts: { accountId: string }[] }>('listSsoAccounts', {
      profile: 'chooser',
    });
    expect(accounts.map((a) => a.accountId)).toEqual(['111122223333', '444455556666']);
    expect(await call('listSsoRoles', { profile: 'chooser', accountId: '111122223333' })).toEqual({
      roles: ['SnowballOperator', 'ReadOnly'],
    });
    const connection = await call<{ sso: unknown; identity: { arn: string } }>('connect', {
      source: {
        kind: 'profile',
        profile: 'chooser',
        ssoRole: { accountId: '111122223333', roleName: 'ReadOnly' },
      },
      homeRegion: 'us-west-2',
    });
    expect(connection.sso).toEqual({
      startUrl: 'https://snowball-demo.awsapps.com/start',
      accountId: '111122223333',
      accountName: 'Snowball demo',
      roleName: 'ReadOnly',
    });
    expect(connection.identity.arn).toContain('assumed-role/AWSReservedSSO_ReadOnly_');
    const listing = await call<{ jobs: unknown[]; failures: unknown[] }>('listJobs', {
      regions: ['us-west-2'],
    });
    expect(listing.failures).toEqual([]);
    expect(listing.jobs.length).toBeGreaterThan(0);
    await call('disconnect');
  });

  it('cancels a sign-in that waits, and refuses a profile that is not SSO', async () => {
    const cache = path.join(home, '.aws', 'sso', 'cache');
    const [file] = readdirSync(cache);
    const saved = JSON.parse(readFileSync(path.join(cache, file!), 'utf8')) as Record<string, string>;
    // Expired, and its refresh token no longer accepted: the person must sign in again.
    writeFileSync(
      path.join(cache, file!),
      JSON.stringify({ ...saved, expiresAt: '2020-01-01T00:00:00Z', refreshToken: 'revoked' }),
    );
    const started = await call<{ status: string; signInId: string }>('startSsoSignIn', {
      profile: 'site-sso',
    });
    expect(started.status).toBe('pending');
    await call('cancelSsoSignIn', { signInId: started.signInId });
    await vi.waitFor(() => expect(signInEvents()).toHaveLength(2));
    expect(signInEvents()[1]).toMatchObject({ signInId: started.signInId, state: 'cancelled' });
    await expect(call('startSsoSignIn', { profile: 'keys' })).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
    });
  });

  it('keeps an audit of the sign-ins, and no token, refresh token or client secret leaves core', async () => {
    const { entries } = await call<{ entries: { action: string; outcome: string; detail?: string }[] }>(
      'listAuditEntries',
    );
    expect(entries.filter((e) => e.action === 'sso-sign-in').map((e) => `${e.outcome}: ${e.detail}`)).toEqual(
      [
        'ok: profile chooser: approved in the browser',
        'ok: profile site-sso: saved sign-in used',
        'cancelled: profile site-sso: cancelled',
        'failed: profile keys: PROFILE_INVALID',
      ],
    );
    const audit = readFileSync(path.join(home, 'data', 'audit.jsonl'), 'utf8');
    const out = JSON.stringify([answers, events, opened]) + audit;
    for (const marker of Object.values(SSO_SECRET_MARKERS)) expect(out).not.toContain(marker);
  });
});
