import type { Partition } from './regions';

/** The demo account: fake keys any AWS client can use against the emulator (and nowhere else). */
export const DEMO_ACCOUNT_ID = '111122223333';
export const DEMO_USER_NAME = 'snowball-demo';
export const DEMO_USER_ARN = `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/${DEMO_USER_NAME}`;
export const DEMO_USER_ID = 'AIDAEMULATORDEMOUSER1';

export const DEMO_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATORDEMO0001',
  secretAccessKey: 'EMULATOR/demo+secret/NOT+A+REAL+KEY/0001',
} as const;

export const DEMO_SESSION_ROLE_NAME = 'SnowballOperator';
export const DEMO_SESSION_NAME = 'demo-session';
export const DEMO_SESSION_ROLE_ID = 'AROAEMULATORDEMOROLE1';

/** Temporary credentials (ASIA…) that need their session token, as STS-issued ones do. */
export const DEMO_SESSION_CREDENTIALS = {
  accessKeyId: 'ASIAEMULATORDEMO0002',
  secretAccessKey: 'EMULATOR/demo+session/NOT+A+REAL+KEY/002',
  sessionToken:
    'IQoJb3JpZ2luX2VjEMULATOR//demo+session+token//NOT+A+REAL+TOKEN//' +
    'c25vd2JhbGwtY29tcGFuaW9uLWVtdWxhdG9yLWRlbW8tc2Vzc2lvbi10b2tlbg==',
} as const;

export interface Principal {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  /** GetCallerIdentity's UserId. */
  userId: string;
  /** When temporary credentials stop being accepted (epoch ms on the emulator clock); none for the demo's. */
  expiresAt?: number;
  arnFor(partition: Partition): string;
}

const PRINCIPALS: readonly Principal[] = [
  {
    ...DEMO_CREDENTIALS,
    accountId: DEMO_ACCOUNT_ID,
    userId: DEMO_USER_ID,
    arnFor: (p) => `arn:${p}:iam::${DEMO_ACCOUNT_ID}:user/${DEMO_USER_NAME}`,
  },
  {
    ...DEMO_SESSION_CREDENTIALS,
    accountId: DEMO_ACCOUNT_ID,
    userId: `${DEMO_SESSION_ROLE_ID}:${DEMO_SESSION_NAME}`,
    arnFor: (p) =>
      `arn:${p}:sts::${DEMO_ACCOUNT_ID}:assumed-role/${DEMO_SESSION_ROLE_NAME}/${DEMO_SESSION_NAME}`,
  },
];

export function findPrincipal(accessKeyId: string): Principal | undefined {
  return PRINCIPALS.find((p) => p.accessKeyId === accessKeyId);
}

/**
 * The key the emulator's "service-owned" S3 buckets sign manifest URLs with. Only the emulator uses it;
 * the secret is derived from the seed so two emulators with the same seed issue the same URLs.
 */
export const PRESIGN_ACCESS_KEY_ID = 'AKIAEMULATORS3SIGNER';
