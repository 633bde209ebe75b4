/**
 * The emulator's IAM Identity Center: one instance (in one region, as a real instance lives in one), one
 * person signed in through it, and the accounts and permission sets (roles) assigned to that person.
 */
import { DEMO_ACCOUNT_ID } from '../credentials';

/** The access portal of the demo instance (any https start URL is served the same way). */
export const DEMO_SSO_START_URL = 'https://snowball-demo.awsapps.com/start';
/** The region the demo instance lives in; its verification page is `device.sso.<region>.amazonaws.com`. */
export const DEMO_SSO_REGION = 'us-east-1';
/** Who approves sign-ins in the emulator: the role session name of the credentials it issues. */
export const DEMO_SSO_USER = 'site.person@example.com';

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: readonly string[];
}

/** The accounts and roles assigned to the demo person, in the order the portal lists them. */
export const DEMO_SSO_ACCOUNTS: readonly SsoAccount[] = [
  {
    accountId: DEMO_ACCOUNT_ID,
    accountName: 'Snowball demo',
    emailAddress: 'snowball-demo@example.com',
    roles: ['SnowballOperator', 'ReadOnly'],
  },
  {
    accountId: '444455556666',
    accountName: 'Logistics sandbox',
    emailAddress: 'logistics@example.com',
    roles: ['SnowballOperator'],
  },
];

/**
 * Every secret this Identity Center issues starts with one of these, so a scan can find any of them (as
 * written, URL-encoded, or base64: each marker's length is a multiple of 3, so its base64 form is the start
 * of the whole secret's). Never used with real AWS.
 */
export const SSO_SECRET_MARKERS = {
  clientSecret: 'eyJFTVVMQVRPUi1zc28tY2xpZW50LXNlY3JldA.',
  deviceCode: 'EMULATOR-sso-device-code',
  accessToken: 'aoaEMULATORssoAccessToken0:',
  refreshToken: 'aorEMULATORssoRefreshToken:',
  roleSecretAccessKey: 'EMULATOR/sso+role/secret',
  roleSessionToken: 'IQoJb3JpZ2luX2VjEMULATOR//sso+role+session///',
} as const;
