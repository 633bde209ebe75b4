import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CREDENTIALS, DEMO_SESSION_CREDENTIALS, start, type Emulator } from '../../emulator';
import { InProcessDemoAccount } from '../../electron/core/demo-account';
import { connect } from '../../electron/core/session';
import { tempDir } from '../helpers/temp-dirs';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await start({ seed: 'session-tests' });
});
afterAll(() => emulator.stop());
afterEach(() => vi.unstubAllEnvs());

const dir = tempDir('fixture-aws-files-');
const config = path.join(dir, 'config');
const credentials = path.join(dir, 'credentials');
writeFileSync(
  config,
  `[profile site-sso]
sso_start_url = https://acme.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = SnowballOperator
region = us-west-2

[profile keys]
region = eu-west-1
`,
);
writeFileSync(
  credentials,
  `[keys]
aws_access_key_id = ${DEMO_CREDENTIALS.accessKeyId}
aws_secret_access_key = ${DEMO_CREDENTIALS.secretAccessKey}
`,
);

/** The test's own AWS files, and none of the machine's credential sources (keys, tokens, containers, roles). */
function useFiles() {
  vi.stubEnv('HOME', dir);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_ACCESS_KEY_ID', '');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
  vi.stubEnv('AWS_PROFILE', '');
  for (const name of [
    'AWS_SESSION_TOKEN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ])
    vi.stubEnv(name, '');
}

describe('connect', () => {
  it('confirms keys typed for this session and says who they belong to, without exposing them', async () => {
    const session = await connect({ kind: 'session-keys', ...DEMO_CREDENTIALS }, { endpoint: emulator.url });
    expect(session.identity).toEqual({
      account: '111122223333',
      arn: 'arn:aws:iam::111122223333:user/snowball-demo',
      userId: expect.any(String),
    });
    expect(session.partition).toBe('aws');
    const visible =
      JSON.stringify(session) + JSON.stringify(Object.entries(session)) + String(Object.keys(session));
    expect(visible).not.toContain(DEMO_CREDENTIALS.secretAccessKey);
    expect(visible).not.toContain(DEMO_CREDENTIALS.accessKeyId);
    session.close();
  });

  it('accepts temporary keys with their session token', async () => {
    const session = await connect(
      { kind: 'session-keys', ...DEMO_SESSION_CREDENTIALS },
      { endpoint: emulator.url },
    );
    expect(session.identity.arn).toContain(':assumed-role/');
    expect(JSON.stringify(session)).not.toContain(DEMO_SESSION_CREDENTIALS.sessionToken);
    session.close();
  });

  it('refuses a wrong secret key with a message that says what to check', async () => {
    await expect(
      connect(
        { kind: 'session-keys', accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: 'x'.repeat(40) },
        { endpoint: emulator.url, maxAttempts: 1 },
      ),
    ).rejects.toMatchObject({
      code: 'CREDENTIALS_INVALID',
      message: expect.stringMatching(/secret key is wrong.*Check them/),
    });
  });

  it('refuses an unknown access key', async () => {
    await expect(
      connect(
        { kind: 'session-keys', accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'y'.repeat(40) },
        { endpoint: emulator.url, maxAttempts: 1 },
      ),
    ).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('connects the demo account by starting its emulator in this process', async () => {
    const demo = new InProcessDemoAccount({ seed: 'demo-account-test' });
    const session = await connect({ kind: 'demo' }, {}, demo);
    expect(session.source).toBe('demo');
    expect(session.identity.account).toBe('111122223333');
    session.close();
    await demo.stop();
  });

  it('connects with a named profile from the shared files', async () => {
    useFiles();
    const session = await connect(
      { kind: 'profile', profile: 'keys' },
      { endpoint: emulator.url, homeRegion: 'eu-west-1' },
    );
    expect(session.profile).toBe('keys');
    expect(session.identity.account).toBe('111122223333');
    session.close();
  });

  it('tells the user to run aws sso login for an SSO profile without a valid sign-in', async () => {
    useFiles();
    await expect(
      connect({ kind: 'profile', profile: 'site-sso' }, { endpoint: emulator.url }),
    ).rejects.toMatchObject({
      code: 'SSO_LOGIN_REQUIRED',
      message: expect.stringContaining('aws sso login --profile site-sso'),
    });
  });

  it('says so when a profile does not exist', async () => {
    useFiles();
    await expect(
      connect({ kind: 'profile', profile: 'nope' }, { endpoint: emulator.url }),
    ).rejects.toMatchObject({
      code: 'NO_CREDENTIALS',
      message: expect.stringContaining(
        'Choose a profile, enter keys for this session, or use the demo account',
      ),
    });
  });

  it('uses the environment first in the default chain, and says so when there is nothing', async () => {
    useFiles();
    vi.stubEnv('AWS_ACCESS_KEY_ID', DEMO_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', DEMO_CREDENTIALS.secretAccessKey);
    const session = await connect({ kind: 'default-chain' }, { endpoint: emulator.url });
    expect(session.identity.account).toBe('111122223333');
    session.close();

    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(dir, 'none'));
    vi.stubEnv('AWS_CONFIG_FILE', path.join(dir, 'none'));
    await expect(connect({ kind: 'default-chain' }, { endpoint: emulator.url })).rejects.toMatchObject({
      code: 'NO_CREDENTIALS',
    });
  });

  it('says the network is the problem when the endpoint does not answer', async () => {
    const closed = await start({ seed: 'closed' });
    const url = closed.url;
    await closed.stop();
    await expect(
      connect({ kind: 'session-keys', ...DEMO_CREDENTIALS }, { endpoint: url, maxAttempts: 1 }),
    ).rejects.toMatchObject({
      code: 'NETWORK',
      retryable: true,
      message: expect.stringContaining('Check the network'),
    });
  });
});
