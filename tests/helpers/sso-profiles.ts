/**
 * IAM Identity Center profiles of a shared config file, pointed at the emulator's demo instance: one that
 * names its account and role, one that leaves them to the person, both on one sso-session (so one
 * sign-in serves both), and a profile with keys' settings only.
 */
import { DEMO_SSO_REGION, DEMO_SSO_START_URL } from '../../emulator';

/** The sso-session's name: its token cache file is `~/.aws/sso/cache/<sha1 of it>.json`. */
export const SSO_SESSION = 'snowball-demo';

export const SSO_PROFILES = `[profile site-sso]
sso_session = ${SSO_SESSION}
sso_account_id = 111122223333
sso_role_name = SnowballOperator
region = us-west-2

[profile chooser]
sso_session = ${SSO_SESSION}
region = us-west-2

[sso-session ${SSO_SESSION}]
sso_start_url = ${DEMO_SSO_START_URL}
sso_region = ${DEMO_SSO_REGION}
sso_registration_scopes = sso:account:access

[profile keys]
region = us-east-1
`;
