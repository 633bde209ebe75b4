import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCredentialSources } from '../../electron/core/profiles';
import { tempDir } from '../helpers/temp-dirs';

const SECRETS = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
  'hunter2',
];

const dir = tempDir('fixture-aws-files-');
const config = path.join(dir, 'config');
const credentials = path.join(dir, 'credentials');
writeFileSync(
  config,
  `[default]
region = us-west-2

[profile site-sso]
sso_session = acme
sso_account_id = 123456789012
sso_role_name = SnowballOperator
region = eu-west-1

[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = us-east-1

[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start
sso_account_id = 210987654321
sso_role_name = Admin

[profile operator]
role_arn = arn:aws:iam::123456789012:role/SnowballOperator
source_profile = default
region = ap-southeast-2

[profile ci]
role_arn = arn:aws:iam::123456789012:role/Ci
web_identity_token_file = /var/run/token

[profile vault]
credential_process = /usr/local/bin/get-creds --user me --password hunter2

[profile region-only]
region = ca-central-1
`,
);
writeFileSync(
  credentials,
  `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[temp]
aws_access_key_id = ASIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
aws_session_token = FwoGZXIvYXdzEXAMPLESESSIONTOKEN
`,
);

const env = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };

describe('listCredentialSources', () => {
  it('lists every profile of both files with its kind and region, default first', async () => {
    const sources = await listCredentialSources(env);
    expect(sources.profiles.map((p) => [p.name, p.kind, p.region])).toEqual([
      ['default', 'static-keys', 'us-west-2'],
      ['ci', 'web-identity', null],
      ['legacy-sso', 'sso', null],
      ['operator', 'assume-role', 'ap-southeast-2'],
      ['region-only', 'incomplete', 'ca-central-1'],
      ['site-sso', 'sso', 'eu-west-1'],
      ['temp', 'static-keys', null],
      ['vault', 'credential-process', null],
    ]);
    expect(sources.configFile).toBe(config);
    expect(sources.credentialsFile).toBe(credentials);
  });

  it('describes each profile in words, without a secret', async () => {
    const sources = await listCredentialSources(env);
    const detail = Object.fromEntries(sources.profiles.map((p) => [p.name, p.detail]));
    expect(detail['site-sso']).toBe(
      'Sign-in through SSO session "acme" (account 123456789012, role SnowballOperator).',
    );
    expect(detail['operator']).toBe(
      'Assumes arn:aws:iam::123456789012:role/SnowballOperator using profile "default".',
    );
    expect(detail['temp']).toMatch(/session token \(temporary\)/);
    expect(detail['vault']).not.toContain('/usr/local/bin');
    const text = JSON.stringify(sources);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('gives the IAM Identity Center settings of SSO profiles, and says what is missing from one', async () => {
    const sources = await listCredentialSources(env);
    const byName = Object.fromEntries(sources.profiles.map((p) => [p.name, p]));
    expect(byName['site-sso']?.sso).toEqual({
      session: 'acme',
      startUrl: 'https://acme.awsapps.com/start',
      region: 'us-east-1',
      accountId: '123456789012',
      roleName: 'SnowballOperator',
    });
    expect(byName['legacy-sso']).toMatchObject({ kind: 'sso', sso: null });
    expect(byName['legacy-sso']?.detail).toBe(
      `profile "legacy-sso" has no sso_region (the region of IAM Identity Center). Fix it in ${config} (or run \`aws configure sso --profile legacy-sso\`), then try again.`,
    );
    expect(byName['operator']?.sso).toBeNull();
  });

  it('reports keys and a profile in the environment, without their values', async () => {
    const sources = await listCredentialSources({
      ...env,
      AWS_ACCESS_KEY_ID: SECRETS[0],
      AWS_SECRET_ACCESS_KEY: SECRETS[1],
      AWS_PROFILE: 'operator',
    });
    expect(sources.environmentKeys).toBe(true);
    expect(sources.environmentProfile).toBe('operator');
    for (const secret of SECRETS) expect(JSON.stringify(sources)).not.toContain(secret);
  });

  it('returns no profiles, not an error, when the files do not exist', async () => {
    const sources = await listCredentialSources({
      HOME: dir,
      AWS_CONFIG_FILE: path.join(dir, 'nope'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'nope2'),
    });
    expect(sources.profiles).toEqual([]);
    expect(sources.environmentKeys).toBe(false);
  });
});
