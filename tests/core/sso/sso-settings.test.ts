import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSsoSettings } from '../../../electron/core/sso/sso-settings';
import { DEMO_SSO_START_URL } from '../../../emulator';
import { SSO_PROFILES, SSO_SESSION } from '../../helpers/sso-profiles';
import { tempDir } from '../../helpers/temp-dirs';

const dir = tempDir('fixture-sso-settings-');
const config = path.join(dir, 'config');
writeFileSync(
  config,
  `${SSO_PROFILES}
[profile scoped]
sso_session = scoped

[sso-session scoped]
sso_start_url = https://acme.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access, codewhisperer:completions

[profile legacy]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 210987654321
sso_role_name = Admin

[profile orphan]
sso_session = gone

[profile conflict]
sso_session = ${SSO_SESSION}
sso_region = us-west-2

[profile no-region]
sso_start_url = https://old.awsapps.com/start

[profile bad-region]
sso_start_url = https://old.awsapps.com/start
sso_region = Frankfurt

[profile http]
sso_start_url = http://old.awsapps.com/start
sso_region = us-east-1
`,
);
const env = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') };

describe('readSsoSettings', () => {
  it('reads the sso-session form: portal and region from the session, scopes split on commas', async () => {
    expect(await readSsoSettings('site-sso', env)).toEqual({
      profile: 'site-sso',
      session: SSO_SESSION,
      startUrl: DEMO_SSO_START_URL,
      region: 'us-east-1',
      accountId: '111122223333',
      roleName: 'SnowballOperator',
      scopes: ['sso:account:access'],
    });
    expect(await readSsoSettings('chooser', env)).toMatchObject({
      session: SSO_SESSION,
      accountId: null,
      roleName: null,
    });
    expect(await readSsoSettings('scoped', env)).toMatchObject({
      startUrl: 'https://acme.awsapps.com/start',
      region: 'eu-west-1',
      scopes: ['sso:account:access', 'codewhisperer:completions'],
    });
  });

  it('reads the legacy form, which has no session and no scopes', async () => {
    expect(await readSsoSettings('legacy', env)).toEqual({
      profile: 'legacy',
      session: null,
      startUrl: 'https://old.awsapps.com/start',
      region: 'us-east-1',
      accountId: '210987654321',
      roleName: 'Admin',
      scopes: [],
    });
  });

  it('answers null for a profile that does not sign in through IAM Identity Center', async () => {
    expect(await readSsoSettings('keys', env)).toBeNull();
  });

  it.each([
    ['orphan', 'uses sso_session "gone", but there is no [sso-session gone] section'],
    ['conflict', 'give different values for sso_region'],
    ['no-region', 'has no sso_region'],
    ['bad-region', '"Frankfurt", is not an AWS region'],
    ['http', 'is not an https address'],
    ['nope', 'There is no profile "nope"'],
  ])('says what is wrong with profile %s, and where to fix it', async (profile, words) => {
    await expect(readSsoSettings(profile, env)).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      message: expect.stringContaining(words),
    });
  });
});
