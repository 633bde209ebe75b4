/**
 * The one IPC contract. Every channel the renderer may call is declared here with a zod schema for its
 * input and output and the error codes it may return. Electron main, the preload, the loopback host and
 * the renderer's types all derive from this file; nothing else defines a channel. The names alone, as plain
 * data, are in contract-names.ts (re-exported here), so the preloads list channels without building schemas.
 *
 * This file is imported by the renderer too, so it must stay free of Node and Electron imports.
 */
import { z } from 'zod';
import type { ChannelName, EventName } from './contract-names';

export {
  API_GLOBAL,
  CHANNEL_NAMES,
  EVENT_NAMES,
  eventWireName,
  wireName,
  type ChannelName,
  type EventName,
} from './contract-names';

/**
 * Error codes that may cross the boundary, each with what it means (docs/CHANNELS.md lists them). The
 * message is for people; the code is for the UI's logic.
 */
const ERROR_MEANINGS = {
  // The call itself
  VALIDATION: 'the input broke the contract',
  FORBIDDEN: 'the caller is not the app window',
  INTERNAL: 'an unexpected failure; details only in the log',
  // Credentials and connection
  NO_CREDENTIALS: 'no profile, environment keys or SSO session to use',
  SSO_LOGIN_REQUIRED: 'the IAM Identity Center sign-in is missing, expired or refused: sign in again',
  PROFILE_INVALID: 'the profile is missing, or its settings (SSO ones, say) are incomplete or contradictory',
  CREDENTIALS_INVALID: 'the keys are wrong, expired or revoked',
  NOT_CONNECTED: 'a call to AWS before connecting',
  NETWORK: 'the service could not be reached',
  REGION_UNAVAILABLE: 'the region is not enabled for the account',
  ACCESS_DENIED: 'the identity lacks a permission',
  THROTTLED: "still throttled after the SDK's retries",
  SERVICE_ERROR: 'the service failed (5xx) after retries',
  REQUEST_REFUSED: 'the service refused the request for a reason it explains',
  // Jobs
  JOB_NOT_FOUND: 'InvalidResourceException: no such job (or cluster) in this account and region',
  INVALID_JOB_STATE: 'InvalidJobStateException: e.g. the device is not with the customer',
  JOB_CREDENTIALS_EXPIRED: 'manifest and unlock code expire 360 days after the job was created',
  // Manifest and files
  DOWNLOAD_FAILED: 'a download (the manifest, the return label) failed or arrived incomplete',
  FILE_EXISTS: 'the destination already holds a file of that name',
  DESTINATION_UNUSABLE: 'missing, not a folder or an ordinary file, read-only or no permission',
  DESTINATION_FULL: 'no space left',
  // Unlock code
  UNLOCK_CODE_EXPIRED: 'the code was held in memory too long; fetch it again',
  UNLOCK_CODE_MALFORMED: 'not five groups of five letters and digits',
  SEPARATION_BLOCKED: 'the code would be stored beside the manifest',
  SEPARATION_UNCONFIRMED: 'the place earned a warning the user has not accepted',
  // The device and the Snowball client
  CLIENT_NOT_FOUND: 'no Snowball client found or chosen',
  CLIENT_INVALID: 'the chosen file is not a working Snowball client, or not a safe one to run',
  CLIENT_UNCONFIRMED: 'the person has not vouched for this client file (or it changed since)',
  CODE_IN_ARGUMENTS: 'this client takes the code only in its arguments: the person must agree first',
  INVALID_ADDRESS: 'not an IP address or host name',
  UNLOCK_FAILED: "the manifest file is missing, or the client's `configure` failed",
  // After the unlock: the device's local access
  DEVICE_NOT_UNLOCKED: 'the device (or a cluster node) does not report UNLOCKED yet',
  DEVICE_ACCESS_FAILED: 'a client command after the unlock failed (its words say why)',
  DEVICE_ACCESS_EXPIRED: "the device's keys were cleared from memory: read the device again",
  S3_NOT_READY: "the device's S3 adapter is not started (yet) or does not answer on its port",
  DEVICE_KEYS_REFUSED: "the S3 adapter refused the keys (wrong, another device's, or the clock is off)",
  CERTIFICATE_MISMATCH: "the device's certificate is not the one saved (or does not name its address)",
  PROFILE_EXISTS: 'an AWS profile of that name exists already and replacing it was not asked for',
} as const;
export type ErrorCode = keyof typeof ERROR_MEANINGS;
export const ERROR_CODES = Object.keys(ERROR_MEANINGS) as [ErrorCode, ...ErrorCode[]];
/** What each code means, in a line. */
export const errorMeaning = (code: ErrorCode): string => ERROR_MEANINGS[code];

export const ipcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
  /**
   * VALIDATION only: which fields of the input were not accepted, as dotted paths (`source.accessKeyId`),
   * so the window can mark each field in its own words. Never a value.
   */
  fields: z.array(z.string()).optional(),
});
/** What a failed call returns: never a stack, never a secret. */
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Every call returns this envelope: plain data survives contextBridge and JSON alike, thrown errors don't. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  /** Why this channel exists, in a line; docs/CHANNELS.md is generated from it. */
  summary: string;
  input: I;
  output: O;
  /**
   * The codes its handler may answer besides VALIDATION, FORBIDDEN and INTERNAL (which any call may). The
   * registry holds handlers to it: another code is reported, and in the tests it is a failure.
   */
  errors: readonly ErrorCode[];
}

const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> => def;

/** The codes every channel may answer, declared or not. */
export const ALWAYS_POSSIBLE: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN', 'INTERNAL'];

/** What any call to AWS may answer (core/aws-errors.ts): credentials, region, permission, network, service. */
const AWS_CALL = [
  'NO_CREDENTIALS',
  'SSO_LOGIN_REQUIRED',
  'CREDENTIALS_INVALID',
  'REGION_UNAVAILABLE',
  'ACCESS_DENIED',
  'THROTTLED',
  'NETWORK',
  'SERVICE_ERROR',
  'REQUEST_REFUSED',
] as const satisfies readonly ErrorCode[];
/** A call about one job, made with the connection. */
const JOB_CALL = [
  'NOT_CONNECTED',
  ...AWS_CALL,
  'JOB_NOT_FOUND',
  'INVALID_JOB_STATE',
  'JOB_CREDENTIALS_EXPIRED',
] as const satisfies readonly ErrorCode[];
/** Writing a file the person chose (atomic, never over a file unasked). */
const FILE_WRITE = [
  'FILE_EXISTS',
  'DESTINATION_UNUSABLE',
  'DESTINATION_FULL',
] as const satisfies readonly ErrorCode[];
/** Writing a file the app keeps or edits in place (settings, the sign-in's token cache, the AWS profile files): unusable or full. */
const APP_FILE_WRITE = ['DESTINATION_UNUSABLE', 'DESTINATION_FULL'] as const satisfies readonly ErrorCode[];

/** Running the Snowball client with a held code: the code, the client, the addresses, the manifest. */
const CLIENT_RUN = [
  'UNLOCK_CODE_EXPIRED',
  'UNLOCK_CODE_MALFORMED',
  'CLIENT_NOT_FOUND',
  'CLIENT_INVALID',
  'CLIENT_UNCONFIRMED',
  'INVALID_ADDRESS',
  'UNLOCK_FAILED',
] as const satisfies readonly ErrorCode[];

/** No input, or nothing to answer: an empty object, strict (an unknown key is refused, not dropped). */
const empty = z.object({}).strict();

// Building blocks ------------------------------------------------------------------------------------
// Their `meta` gives an example of a valid value and, where it matters, the kind of value it is (a local
// path; an argument of the Snowball client): the IPC fuzz gate derives its malformed inputs from these.

const jobId = z
  .string()
  .regex(/^(M|J)ID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a Snowball job id')
  .meta({ examples: ['JID27627492-8989-2d42-755e-c8699ffbc05b'] });
const clusterId = z
  .string()
  .regex(/^CID[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a cluster id')
  .meta({ examples: ['CIDcfb8fb9f-a6e3-1d4a-c084-d956374778f8'] });
const region = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'not an AWS region')
  .meta({ examples: ['us-east-1'] });
/**
 * A local path the user typed or chose: absolute, of sane length, and without control characters (a line
 * break in a path would shift the answers a program reads line by line, e.g. `snowballEdge configure`).
 */
const localPath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    (p) => !/[\u0000-\u001f\u007f-\u009f]/.test(p),
    'contains a line break, a tab or another invisible control character; type or paste the path again on one line',
  )
  .refine(
    (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
    'must be an absolute path',
  )
  .meta({ kind: 'local-path', examples: ['/media/usb'] });
const handleId = z.string().uuid();
const jobRef = { jobId, region };
/** A job, and the region to call for it. */
const jobRefSchema = z.object(jobRef).strict();
export type JobRefInfo = z.infer<typeof jobRefSchema>;
const epochMs = z.number().int();
const profileName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.@+=,-]+$/, 'not a profile name')
  .meta({ examples: ['snowball-companion'] });

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Where the window runs: the Electron app, or a browser through the loopback host. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  /** Native open/save dialogs exist (Electron); in browser mode the UI asks for typed paths. */
  nativeDialogs: z.boolean(),
  /** Started with `--demo`: go straight to the demo account. */
  demoRequested: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const accountId = z
  .string()
  .regex(/^\d{12}$/, 'an AWS account ID is 12 digits')
  .meta({ examples: ['111122223333'] });
const roleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w+=,.@-]+$/, 'a role name has only letters, digits and + = , . @ _ -')
  .meta({ examples: ['SnowballOperator'] });
const signInId = z.string().uuid();

/** An IAM Identity Center profile's settings (sso_session or the legacy sso_start_url form). */
const ssoProfileSchema = z.object({
  /** The sso_session it uses; null for the legacy form. */
  session: z.string().nullable(),
  startUrl: z.string(),
  region: z.string(),
  /** What the profile names; null where the person chooses after signing in. */
  accountId: z.string().nullable(),
  roleName: z.string().nullable(),
});
export type SsoProfileInfo = z.infer<typeof ssoProfileSchema>;

const profileSchema = z.object({
  name: z.string(),
  kind: z.enum(['static-keys', 'sso', 'assume-role', 'web-identity', 'credential-process', 'incomplete']),
  region: z.string().nullable(),
  detail: z.string(),
  /** For kind `sso` with usable settings; otherwise null. */
  sso: ssoProfileSchema.nullable(),
});
export type ProfileInfo = z.infer<typeof profileSchema>;

const credentialSourcesSchema = z.object({
  profiles: z.array(profileSchema),
  environmentKeys: z.boolean(),
  environmentProfile: z.string().nullable(),
  configFile: z.string(),
  credentialsFile: z.string(),
});
export type CredentialSourcesInfo = z.infer<typeof credentialSourcesSchema>;

const connectSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('profile'),
      profile: profileName,
      /** For an IAM Identity Center profile: the account and role chosen (where the profile names none). */
      ssoRole: z.object({ accountId, roleName }).strict().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('default-chain') }).strict(),
  z
    .object({
      kind: z.literal('session-keys'),
      accessKeyId: z
        .string()
        .regex(
          /^(AKIA|ASIA)[A-Z0-9]{16}$/,
          'an access key id is 20 capitals and digits starting AKIA or ASIA',
        ),
      secretAccessKey: z
        .string()
        .min(16)
        .max(128)
        .regex(/^[A-Za-z0-9/+=]+$/, 'not a secret access key'),
      sessionToken: z
        .string()
        .max(4096)
        .regex(/^[A-Za-z0-9/+=]*$/, 'not a session token')
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('demo') }).strict(),
]);

const partitionSchema = z.enum(['aws', 'aws-us-gov', 'aws-cn']);
const connectionSchema = z.object({
  source: z.enum(['profile', 'default-chain', 'session-keys', 'demo']),
  profile: z.string().nullable(),
  identity: z.object({ account: z.string(), arn: z.string(), userId: z.string() }),
  partition: partitionSchema,
  /** The regions to search: the choice remembered for this partition, else all of it but opt-in regions. */
  defaultRegions: z.array(z.string()),
  /** Signed in through IAM Identity Center: the account and role in use. */
  sso: z
    .object({
      startUrl: z.string(),
      accountId: z.string(),
      accountName: z.string().nullable(),
      roleName: z.string(),
    })
    .nullable(),
});
export type ConnectionInfo = z.infer<typeof connectionSchema>;

const regionSchema = z.object({
  id: z.string(),
  name: z.string(),
  partition: partitionSchema,
  optIn: z.literal(true).optional(),
  /** Regions whose jobs one ListJobs call here also returns (the four US regions share one view). */
  sharesViewWith: z.array(z.string()).optional(),
});
export type RegionInfo = z.infer<typeof regionSchema>;

const expirySchema = z.object({ expiresAt: epochMs, daysLeft: z.number().int(), expired: z.boolean() });
export const jobSummarySchema = z.object({
  jobId: z.string(),
  state: z.string(),
  jobType: z.string().nullable(),
  snowballType: z.string().nullable(),
  description: z.string().nullable(),
  isMaster: z.boolean(),
  createdAt: epochMs.nullable(),
  region: z.string(),
  readyToUnlock: z.boolean(),
  credentials: expirySchema.nullable(),
});
export type JobSummaryInfo = z.infer<typeof jobSummarySchema>;

const regionFailureSchema = z.object({
  region: z.string(),
  covers: z.array(z.string()),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
});

const jobListingSchema = z.object({
  jobs: z.array(jobSummarySchema),
  failures: z.array(regionFailureSchema),
  regions: z.array(z.string()),
});
export type JobListingInfo = z.infer<typeof jobListingSchema>;

const shipmentSchema = z
  .object({ status: z.string().nullable(), trackingNumber: z.string().nullable() })
  .nullable();
const jobDetailsSchema = jobSummarySchema.extend({
  clusterId: z.string().nullable(),
  capacity: z.string().nullable(),
  shippingOption: z.string().nullable(),
  inbound: shipmentSchema,
  outbound: shipmentSchema,
  parts: z.array(jobSummarySchema),
  addressId: z.string().nullable(),
});
export type JobDetailsInfo = z.infer<typeof jobDetailsSchema>;

const clusterSchema = z.object({
  clusterId: z.string(),
  state: z.string(),
  description: z.string().nullable(),
  jobType: z.string().nullable(),
  snowballType: z.string().nullable(),
  createdAt: epochMs.nullable(),
  region: z.string(),
  nodes: z.array(jobSummarySchema),
});
export type ClusterInfo = z.infer<typeof clusterSchema>;

const manifestResultSchema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fetchedAt: epochMs,
  urlExpiresAt: epochMs.nullable(),
  urlsRequested: z.number().int().positive(),
});
export type ManifestResultInfo = z.infer<typeof manifestResultSchema>;

const handleSchema = z.object({ id: z.string(), jobId: z.string(), expiresAt: epochMs });
export type UnlockCodeHandleInfo = z.infer<typeof handleSchema>;

/** Where the unlock code will live: a file the user chose, or somewhere that is not this computer's disk. */
const codeLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: localPath }).strict(),
  z.object({ kind: z.literal('off-disk'), how: z.enum(['clipboard', 'password-manager', 'paper']) }).strict(),
]);
export type CodeLocationInfo = z.infer<typeof codeLocationSchema>;
const separationSchema = z.object({
  verdict: z.enum(['ok', 'warn', 'block']),
  reasons: z.array(
    z.object({
      rule: z.enum([
        'same-file',
        'same-folder',
        'nested-folder',
        'same-volume',
        'cloud-synced',
        'shared-folder',
        'off-disk',
        'manifest-unknown',
        'apart',
      ]),
      message: z.string(),
    }),
  ),
});
export type SeparationInfo = z.infer<typeof separationSchema>;

const returnLabelSchema = z.object({
  status: z.string(),
  uri: z.string().nullable(),
  expiresAt: epochMs.nullable(),
  savedTo: z.string().nullable(),
});
export type ReturnLabelInfo = z.infer<typeof returnLabelSchema>;

/** snowballEdge (Snowball Edge, Snowcone) or the legacy snowball client. */
const clientKindSchema = z.enum(['snowballEdge', 'snowball']);

// What the app remembers (core/settings.ts keeps these in its file, with a few fields the window never sees).
export const jobSettingsSchema = z.object({
  deviceIps: z.array(z.string().max(255)).max(16).optional(),
  manifestFolder: z.string().max(4096).optional(),
  codeFolder: z.string().max(4096).optional(),
});
/** A client file the person vouched for: it runs only while its SHA-256 and size are these. */
export const trustedClientSchema = z.object({
  path: z.string().max(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  kind: clientKindSchema,
  version: z.string().max(64),
  owner: z.string().max(256).nullable(),
  confirmedAt: epochMs,
});
export type TrustedClientInfo = z.infer<typeof trustedClientSchema>;
export const settingsSchema = z.object({
  profile: z.string().max(256).nullable(),
  partition: partitionSchema,
  regions: z.array(z.string().max(32)).max(64).nullable(),
  clientPath: z.string().max(4096).nullable(),
  jobs: z.record(z.string().max(64), jobSettingsSchema),
  /** The client files the person vouched for: run only while their bytes stay the same. */
  trustedClients: z.array(trustedClientSchema).max(16).optional(),
});
export type SettingsInfo = z.infer<typeof settingsSchema>;

/** What the audit log records; core's log file holds exactly these entries (no other field). */
export const auditEntrySchema = z.object({
  time: z.string(),
  action: z.enum([
    'connect',
    'list-jobs',
    'download-manifest',
    'fetch-unlock-code',
    'reveal-unlock-code',
    'copy-unlock-code',
    'save-unlock-code',
    'mark-received',
    'return-label',
    'unlock-device',
    'unlock-cluster',
    'choose-client',
    'confirm-client',
    'create-client-profile',
    'remove-client-profile',
    'configure-client',
    'export-audit-log',
    'sso-sign-in',
    'read-device-access',
    'reveal-device-secret-key',
    'save-device-certificate',
    'write-aws-profile',
    'check-device-s3',
  ]),
  outcome: z.enum(['ok', 'failed', 'cancelled']),
  jobId: z.string().optional(),
  region: z.string().optional(),
  path: z.string().optional(),
  sha256: z.string().optional(),
  detail: z.string().optional(),
  /** The demo account's simulated device and client did this, not a real one. */
  simulated: z.boolean().optional(),
});
export type AuditEntryInfo = z.infer<typeof auditEntrySchema>;

/**
 * An IPv4/IPv6 address or a host name, as read off the device's display. Never starting with "-": the
 * client gets the addresses as arguments, and one like "--unlock-code" would be read as its flag.
 */
const deviceHost = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^(?!-)[A-Za-z0-9.:-]+$/,
    'an IP address or host name has only letters, digits, dots, colons and hyphens, and does not start with a hyphen',
  )
  .meta({ kind: 'client-argument', examples: ['192.0.2.10'] });

/** The demo account's built-in client: not a file, usable only while the demo account is connected. */
export const SIMULATED_CLIENT_PATH = 'demo:simulated-snowballEdge';

const clientSchema = z.object({
  path: z.string(),
  kind: clientKindSchema,
  /** What its `version` command said; null until the person has confirmed it (running it needs that). */
  version: z.string().nullable(),
  /** Where it was found: on PATH, in an install folder, remembered, chosen now, or the demo's own. */
  source: z.enum(['path', 'install-folder', 'settings', 'chosen', 'simulated']),
  /**
   * confirmed: the person vouched for exactly this file (SHA-256 and size); unconfirmed: not yet;
   * changed: it differs from what they confirmed; refused: unsafe to run (`problem` says why);
   * simulated: the demo account's client.
   */
  trust: z.enum(['confirmed', 'unconfirmed', 'changed', 'refused', 'simulated']),
  problem: z.string().nullable(),
  /** The account that owns the file ("you (name)" or "root"); null where it cannot be told. */
  owner: z.string().nullable(),
  size: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
  confirmedAt: epochMs.nullable(),
  /** Takes the unlock code through a profile; false: only in its arguments (the legacy client). */
  takesProfile: z.boolean(),
});
export type SnowballClientInfo = z.infer<typeof clientSchema>;

const probeSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /**
   * open: a management endpoint answered an HTTP request; not-snowball: something accepted the
   * connection but does not answer like one; the rest: the kind of failure the system reported.
   */
  outcome: z.enum(['open', 'not-snowball', 'refused', 'timeout', 'unreachable', 'name-not-found']),
  /** The system's or the endpoint's own word for it (ECONNREFUSED, EHOSTUNREACH, HTTP 200…), if any. */
  detail: z.string().nullable(),
  /** One sentence for people. */
  message: z.string(),
  /** What helps on site, most likely first. */
  hints: z.array(z.string()),
  latencyMs: z.number().nullable(),
});
export type ProbeInfo = z.infer<typeof probeSchema>;

const unlockStateSchema = z.enum([
  'starting',
  'LOCKED',
  'UNLOCKING',
  'UNLOCKED',
  'failed',
  'cancelled',
  'timed-out',
]);
export type UnlockState = z.infer<typeof unlockStateSchema>;

/** One device of an unlock run (the one device, or each node of a cluster), as its last status check saw it. */
const deviceUnlockSchema = z.object({
  host: z.string(),
  state: z.enum(['LOCKED', 'UNLOCKING', 'UNLOCKED', 'UNKNOWN']),
  /** Whether the last status check reached it (describe-cluster's NetworkReachability); null before one. */
  reachable: z.boolean().nullable(),
  /** The device's own id (its job), as the status check reported it. */
  deviceId: z.string().nullable(),
});
export type DeviceUnlockInfo = z.infer<typeof deviceUnlockSchema>;

/** What starting an IAM Identity Center sign-in answers: already signed in, or a code to confirm. */
const ssoSignInStartSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('signed-in'),
    profile: z.string(),
    /** When the access token expires. */
    expiresAt: epochMs,
    /** A valid saved sign-in was used, or a saved one was refreshed with its refresh token. */
    how: z.enum(['saved', 'refreshed']),
  }),
  z.object({
    status: z.literal('pending'),
    signInId: z.string(),
    profile: z.string(),
    /** To compare with the code the verification page shows. */
    userCode: z.string(),
    verificationUri: z.string(),
    verificationUriComplete: z.string(),
    /** When the code stops working. */
    expiresAt: epochMs,
    /** Main opened the verification page in the person's browser. */
    browserOpened: z.boolean(),
  }),
]);
export type SsoSignInStartInfo = z.infer<typeof ssoSignInStartSchema>;

/** How a sign-in that was waiting for the person ended. */
const ssoSignInOutcomeSchema = z.object({
  signInId: z.string(),
  profile: z.string(),
  state: z.enum(['signed-in', 'denied', 'expired', 'cancelled', 'failed']),
  /** For people: what happened and what to do next (null when signed in). */
  message: z.string().nullable(),
  /** When the new access token expires (signed in only). */
  expiresAt: epochMs.nullable(),
});
export type SsoSignInOutcome = z.infer<typeof ssoSignInOutcomeSchema>;

// After the unlock: the device's local access ---------------------------------------------------------

/** One line of `describe-device`'s DeviceCapacities (storage, vCPU, memory…), as the device reports it. */
const deviceCapacitySchema = z.object({
  name: z.string(),
  unit: z.string(),
  total: z.number().nullable(),
  used: z.number().nullable(),
  available: z.number().nullable(),
});
/** One of `describe-device`'s PhysicalNetworkInterfaces. */
const networkInterfaceSchema = z.object({
  id: z.string().nullable(),
  connector: z.string().nullable(),
  assignment: z.string().nullable(),
  ipAddress: z.string().nullable(),
  netmask: z.string().nullable(),
  gateway: z.string().nullable(),
  mac: z.string().nullable(),
});
/** `describe-service --service-id s3`: the S3 adapter's state and where it listens. */
const s3ServiceSchema = z.object({
  state: z.enum(['ACTIVE', 'ACTIVATING', 'DEACTIVATING', 'DEGRADED', 'INACTIVE', 'UNKNOWN']),
  endpoints: z.array(
    z.object({
      protocol: z.string(),
      host: z.string(),
      port: z.number().int(),
      /** The certificate this (HTTPS) endpoint presents, as CertificateAssociation names it. */
      certificateArn: z.string().nullable(),
    }),
  ),
  totalBytes: z.number().nullable(),
  freeBytes: z.number().nullable(),
});
/** A device certificate as `list-certificates` names it; the PEM stays in main until it is saved. */
const deviceCertificateSchema = z.object({
  host: z.string(),
  arn: z.string(),
  subjectAlternativeNames: z.array(z.string()),
  /** SHA-256 of the certificate (DER), for people to compare; and its validity. */
  fingerprint: z.string(),
  notAfter: epochMs.nullable(),
});
/** One device (or cluster node) at a glance. */
const deviceGlanceSchema = z.object({
  host: z.string(),
  deviceId: z.string().nullable(),
  deviceType: z.string().nullable(),
  unlockState: z.string().nullable(),
  capacities: z.array(deviceCapacitySchema),
  interfaces: z.array(networkInterfaceSchema),
  s3: s3ServiceSchema.nullable(),
  /** Why part of this device's picture is missing (a command that failed), in words; null when whole. */
  problem: z.string().nullable(),
});
export type DeviceGlanceInfo = z.infer<typeof deviceGlanceSchema>;

/** What reading the device gave: its picture, its local keys (the secret stays in main), its certificates. */
const deviceAccessSchema = z.object({
  accessId: z.string(),
  jobId: z.string().nullable(),
  hosts: z.array(z.string()),
  simulated: z.boolean(),
  /** The key the profile uses (list-access-keys' first); every key the device listed. */
  accessKeyId: z.string(),
  accessKeyIds: z.array(z.string()),
  certificates: z.array(deviceCertificateSchema),
  devices: z.array(deviceGlanceSchema),
  /** The S3 adapter's HTTPS endpoint of the first address. */
  endpoint: z.string(),
  /** A profile name for the AWS CLI: snowball- and the job's short id. */
  suggestedProfile: z.string(),
  readAt: epochMs,
  /** When main drops the secret key from memory. */
  expiresAt: epochMs,
});
export type DeviceAccessInfo = z.infer<typeof deviceAccessSchema>;

/** A command the person can type now, with what it does. */
const suggestedCommandSchema = z.object({ label: z.string(), command: z.string() });
export type SuggestedCommandInfo = z.infer<typeof suggestedCommandSchema>;

const awsProfileRequest = {
  accessId: handleId,
  profile: profileName,
  /** The saved certificate the profile's ca_bundle names. */
  certificatePath: localPath,
};
const awsProfilePreviewSchema = z.object({
  profile: z.string(),
  configFile: z.string(),
  credentialsFile: z.string(),
  /** The lines added to each file; the secret key shown masked. */
  configLines: z.array(z.string()),
  credentialsLines: z.array(z.string()),
  /** A profile of this name is already in the config or the credentials file. */
  exists: z.object({ config: z.boolean(), credentials: z.boolean() }),
  commands: z.array(suggestedCommandSchema),
});
export type AwsProfilePreviewInfo = z.infer<typeof awsProfilePreviewSchema>;

const s3CheckSchema = z.object({
  /** Every address whose S3 adapter answered (a cluster's nodes each), and the first one's endpoint. */
  hosts: z.array(z.string()),
  endpoint: z.string(),
  buckets: z.array(z.object({ name: z.string(), createdAt: epochMs.nullable() })),
  latencyMs: z.number(),
  /** The certificate the check trusted: the saved file, or the one read from the device. */
  trusted: z.string(),
  commands: z.array(suggestedCommandSchema),
});
export type S3CheckInfo = z.infer<typeof s3CheckSchema>;

/** What the client runs against: the held code, the manifest, the device's (or each node's) address, the client. */
const clientTarget = {
  handleId,
  manifestPath: localPath,
  /** One address for a device, several for a cluster. */
  hosts: z.array(deviceHost).min(1).max(16),
  clientPath: z.union([localPath, z.literal(SIMULATED_CLIENT_PATH)]),
};

// Channels -------------------------------------------------------------------------------------------

export const channels = {
  getAppInfo: channel({
    summary: 'Name, version and shell of the running app, and what it can do here.',
    input: empty,
    output: appInfoSchema,
    errors: [],
  }),
  listCredentialSources: channel({
    summary: 'The profiles and environment credentials on this computer, without their secrets.',
    input: empty,
    output: credentialSourcesSchema,
    errors: [],
  }),
  connect: channel({
    summary: 'Connect with a profile, the default chain, keys for this session, or the demo account.',
    input: z.object({ source: connectSourceSchema, homeRegion: region.optional() }).strict(),
    output: connectionSchema,
    errors: [...AWS_CALL, 'PROFILE_INVALID', ...APP_FILE_WRITE],
  }),
  disconnect: channel({ summary: 'Forget the AWS session.', input: empty, output: empty, errors: [] }),
  startSsoSignIn: channel({
    summary:
      'IAM Identity Center: use the saved sign-in (refreshed if need be) or start the device authorization ' +
      'flow, opening the verification page in the browser; the outcome arrives as the ssoSignIn event.',
    input: z.object({ profile: profileName }).strict(),
    output: ssoSignInStartSchema,
    errors: [...AWS_CALL, 'PROFILE_INVALID', ...APP_FILE_WRITE],
  }),
  cancelSsoSignIn: channel({
    summary: 'Stop waiting for a sign-in (the code is then of no use).',
    input: z.object({ signInId }).strict(),
    output: empty,
    errors: [],
  }),
  listSsoAccounts: channel({
    summary: 'The AWS accounts the signed-in person may use (sso:ListAccounts).',
    input: z.object({ profile: profileName }).strict(),
    output: z.object({
      accounts: z.array(
        z.object({
          accountId: z.string(),
          accountName: z.string().nullable(),
          emailAddress: z.string().nullable(),
        }),
      ),
    }),
    errors: [...AWS_CALL, 'PROFILE_INVALID', ...APP_FILE_WRITE],
  }),
  listSsoRoles: channel({
    summary: 'The roles the signed-in person may use in one account (sso:ListAccountRoles).',
    input: z.object({ profile: profileName, accountId }).strict(),
    output: z.object({ roles: z.array(z.string()) }),
    errors: [...AWS_CALL, 'PROFILE_INVALID', ...APP_FILE_WRITE],
  }),
  getConnection: channel({
    summary: 'Who the app is connected as, if anyone.',
    input: empty,
    output: connectionSchema.nullable(),
    errors: [],
  }),
  listRegions: channel({
    summary: 'The regions where Snowball jobs can live.',
    input: empty,
    output: z.object({ regions: z.array(regionSchema) }),
    errors: [],
  }),
  listJobs: channel({
    summary: 'Every job in the chosen regions, with a failure per region that did not answer.',
    input: z.object({ regions: z.array(region).min(1).max(32) }).strict(),
    output: jobListingSchema,
    errors: ['NOT_CONNECTED'],
  }),
  describeJob: channel({
    summary: 'One job in detail: tracking numbers, cluster, export parts.',
    input: jobRefSchema,
    output: jobDetailsSchema,
    errors: JOB_CALL,
  }),
  describeCluster: channel({
    summary: 'A cluster and its nodes.',
    input: z.object({ clusterId, region }).strict(),
    output: clusterSchema,
    errors: ['NOT_CONNECTED', ...AWS_CALL, 'JOB_NOT_FOUND'],
  }),
  downloadManifest: channel({
    summary: 'Fetch the manifest URL and download it at once into a folder (atomic, 0600).',
    input: z.object({ ...jobRef, folder: localPath, overwrite: z.boolean().optional() }).strict(),
    output: manifestResultSchema,
    errors: [...JOB_CALL, 'DOWNLOAD_FAILED', ...FILE_WRITE],
  }),
  fetchUnlockCode: channel({
    summary: 'Fetch the unlock code into main’s memory; the window gets a handle.',
    input: jobRefSchema,
    output: handleSchema,
    errors: [...JOB_CALL, 'UNLOCK_CODE_MALFORMED'],
  }),
  revealUnlockCode: channel({
    summary: 'The unlock code’s text, to show on request.',
    input: z.object({ handleId }).strict(),
    output: z.object({ code: z.string() }),
    errors: ['UNLOCK_CODE_EXPIRED'],
  }),
  copyUnlockCode: channel({
    summary: 'Copy the code to the clipboard; main clears it later if it is still there.',
    // jobId must be the job the handle's code belongs to (VALIDATION otherwise); core goes by the handle.
    input: z
      .object({
        handleId,
        jobId,
        /**
         * The window copies it to its own clipboard (browser mode, where main's clipboard is not the
         * person's): main records the copy and hands the code back, and the window clears its clipboard
         * at `clearsAt` if it still holds the code.
         */
        inPage: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ clearsAt: epochMs, code: z.string().optional() }),
    errors: ['UNLOCK_CODE_EXPIRED'],
  }),
  forgetUnlockCode: channel({
    summary: 'Drop the code from memory now.',
    input: z.object({ handleId }).strict(),
    output: empty,
    errors: [],
  }),
  checkSeparation: channel({
    summary: 'Is this a good place for the unlock code, given where the manifest is?',
    input: z.object({ manifestPath: localPath, location: codeLocationSchema }).strict(),
    output: separationSchema,
    errors: [],
  }),
  saveUnlockCode: channel({
    summary: 'Write the code to the chosen file if the separation check allows it.',
    // As for copyUnlockCode, jobId must be the handle's job; the check uses that job's manifest.
    input: z
      .object({
        handleId,
        jobId,
        path: localPath,
        acceptWarnings: z.boolean(),
        overwrite: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ path: z.string(), separation: separationSchema }),
    errors: ['UNLOCK_CODE_EXPIRED', 'SEPARATION_BLOCKED', 'SEPARATION_UNCONFIRMED', ...FILE_WRITE],
  }),
  markReceived: channel({
    summary: 'Tell AWS the device arrived (UpdateJobShipmentState RECEIVED).',
    input: jobRefSchema,
    output: empty,
    errors: JOB_CALL,
  }),
  getReturnLabel: channel({
    summary: 'Create the return shipping label, wait for it, optionally save it.',
    input: z.object({ ...jobRef, folder: localPath.nullable() }).strict(),
    output: returnLabelSchema,
    errors: [...JOB_CALL, 'DOWNLOAD_FAILED', ...FILE_WRITE],
  }),
  getSoftwareUpdates: channel({
    summary: 'The link to the device’s software updates.',
    input: jobRefSchema,
    output: z.object({ uri: z.string().nullable() }),
    errors: JOB_CALL,
  }),
  chooseFolder: channel({
    summary: 'A native folder picker; in browser mode it answers that there is none.',
    input: z.object({ title: z.string().max(200), defaultPath: localPath.optional() }).strict(),
    output: z.object({ available: z.boolean(), path: z.string().nullable() }),
    errors: [],
  }),
  chooseFile: channel({
    summary: 'A native file picker (the offline path picks a manifest); absent in browser mode.',
    input: z.object({ title: z.string().max(200), defaultPath: localPath.optional() }).strict(),
    output: z.object({ available: z.boolean(), path: z.string().nullable() }),
    errors: [],
  }),
  openExternal: channel({
    summary: 'Open an AWS documentation or console link in the user’s browser (allowlisted).',
    // The length first, and no white space around it: zod's url check trims, so " https://…" or a
    // megabyte of trailing spaces would otherwise pass (inside, the allowlist re-serialises what it takes).
    input: z
      .object({
        url: z
          .string()
          .max(2048)
          .regex(/^\S(?:[\s\S]*\S)?$/)
          .url(),
      })
      .strict(),
    output: z.object({ opened: z.boolean() }),
    errors: [],
  }),
  getSettings: channel({
    summary: 'What the app remembers between launches (never a secret).',
    input: empty,
    output: settingsSchema,
    errors: [],
  }),
  rememberRegions: channel({
    summary: 'Remember the regions to search at the next start (an empty list: the defaults again).',
    input: z.object({ regions: z.array(region).max(32) }).strict(),
    output: settingsSchema,
    errors: APP_FILE_WRITE,
  }),
  rememberJob: channel({
    summary: 'Remember a job’s device IPs and folders.',
    input: z
      .object({
        jobId,
        deviceIps: z.array(deviceHost).max(16).optional(),
        manifestFolder: localPath.optional(),
        codeFolder: localPath.optional(),
      })
      .strict(),
    output: settingsSchema,
    errors: APP_FILE_WRITE,
  }),
  listAuditEntries: channel({
    summary: 'The audit log, oldest first.',
    input: empty,
    output: z.object({ entries: z.array(auditEntrySchema) }),
    errors: [],
  }),
  holdUnlockCode: channel({
    summary: 'Offline path: keep a code the user typed or pasted in main’s memory; the window gets a handle.',
    input: z.object({ code: z.string().min(1).max(64), jobId: jobId.nullable() }).strict(),
    output: handleSchema,
    errors: ['UNLOCK_CODE_MALFORMED'],
  }),
  readUnlockCodeFile: channel({
    summary: 'Offline path: read the code from a file the user saved earlier; the window gets a handle.',
    input: z.object({ path: localPath, jobId: jobId.nullable() }).strict(),
    output: handleSchema,
    errors: ['UNLOCK_CODE_MALFORMED', 'DESTINATION_UNUSABLE'],
  }),
  findSnowballClient: channel({
    summary: 'Look for the Snowball client (PATH, install folders, the remembered choice); nothing runs.',
    input: empty,
    output: z.object({
      clients: z.array(clientSchema),
      problems: z.array(z.string()),
      /** While the demo account is connected: the addresses its simulated devices show on their displays. */
      simulatedSite: z.object({ device: z.string(), cluster: z.array(z.string()) }).nullable(),
    }),
    errors: [],
  }),
  chooseSnowballClient: channel({
    summary:
      'Look at a file the person names as the Snowball client (nothing runs): owner, size, SHA-256, safety.',
    input: z.object({ path: localPath }).strict(),
    output: clientSchema,
    errors: ['CLIENT_INVALID'],
  }),
  confirmSnowballClient: channel({
    summary:
      'The person vouches for this client file: the shell asks them (never the window alone), then its version command runs.',
    input: z.object({ path: localPath, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    output: clientSchema,
    errors: ['CLIENT_INVALID', 'CLIENT_UNCONFIRMED', ...APP_FILE_WRITE],
  }),
  probeDevice: channel({
    summary: 'Does the device answer on its management port (9091)? With hints when it does not.',
    input: z.object({ host: deviceHost }).strict(),
    output: probeSchema,
    errors: ['INVALID_ADDRESS'],
  }),
  startUnlock: channel({
    summary: 'Run the Snowball client to unlock the device (or cluster) and follow it to UNLOCKED.',
    input: z
      .object({
        ...clientTarget,
        /** The person agreed to a client that takes the code only in its arguments (the legacy one). */
        allowCodeInArguments: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ runId: z.string(), commandLine: z.string() }),
    // UNLOCK_FAILED here: the manifest file is missing. Failures of the run itself arrive as unlockStatus.
    errors: [...CLIENT_RUN, 'CODE_IN_ARGUMENTS'],
  }),
  cancelUnlock: channel({
    summary: 'Stop a running unlock (the client and its children).',
    // A run id is one startUnlock handed out.
    input: z.object({ runId: z.string().uuid() }).strict(),
    output: empty,
    errors: [],
  }),
  exportAuditLog: channel({
    summary: 'Copy the audit log to a file the user chose (replacing one only when asked to).',
    input: z.object({ path: localPath, overwrite: z.boolean().optional() }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
    errors: FILE_WRITE,
  }),
  readDeviceAccess: channel({
    summary:
      'After the unlock: the device at a glance (describe-device, describe-service s3), its local access keys ' +
      'and its certificates, through the same private profile as the unlock. The secret key stays in main.',
    input: z.object(clientTarget).strict(),
    output: deviceAccessSchema,
    errors: [...CLIENT_RUN, 'DEVICE_NOT_UNLOCKED', 'DEVICE_ACCESS_FAILED'],
  }),
  revealDeviceSecretKey: channel({
    summary: 'The device’s secret access key, to show on request (recorded in the audit log, never the key).',
    input: z.object({ accessId: handleId }).strict(),
    output: z.object({ secretAccessKey: z.string() }),
    errors: ['DEVICE_ACCESS_EXPIRED'],
  }),
  saveDeviceCertificate: channel({
    summary: 'Save the device’s certificate (every node’s, for a cluster) as PEM where the person chose.',
    input: z.object({ accessId: handleId, path: localPath, overwrite: z.boolean().optional() }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int(), certificates: z.number().int() }),
    errors: ['DEVICE_ACCESS_EXPIRED', ...FILE_WRITE, 'CERTIFICATE_MISMATCH'],
  }),
  previewAwsProfile: channel({
    summary: 'The lines a profile for the AWS CLI and SDKs would add, and whether that name is taken.',
    input: z.object(awsProfileRequest).strict(),
    output: awsProfilePreviewSchema,
    errors: ['DEVICE_ACCESS_EXPIRED', 'DESTINATION_UNUSABLE'],
  }),
  writeAwsProfile: channel({
    summary:
      'With the person’s consent: add the profile to the AWS config and credentials files (atomic, every ' +
      'other line kept); an existing profile of that name is replaced only when asked.',
    input: z.object({ ...awsProfileRequest, replace: z.boolean(), consent: z.literal(true) }).strict(),
    output: z.object({
      profile: z.string(),
      configFile: z.string(),
      credentialsFile: z.string(),
      replaced: z.boolean(),
    }),
    errors: ['DEVICE_ACCESS_EXPIRED', 'PROFILE_EXISTS', ...APP_FILE_WRITE, 'CERTIFICATE_MISMATCH'],
  }),
  checkDeviceS3: channel({
    summary:
      'List the buckets with the AWS SDK for S3 over HTTPS, trusting only the device’s certificate, and say ' +
      'what the person can type now.',
    input: z
      .object({
        accessId: handleId,
        /** The saved certificate to trust (else the one read from the device), and the profile's name. */
        certificatePath: localPath.optional(),
        profile: profileName.optional(),
      })
      .strict(),
    output: s3CheckSchema,
    errors: [
      'DEVICE_ACCESS_EXPIRED',
      'S3_NOT_READY',
      'DEVICE_KEYS_REFUSED',
      'CERTIFICATE_MISMATCH',
      'DESTINATION_UNUSABLE',
    ],
  }),
  forgetDeviceAccess: channel({
    summary: 'Drop the device’s keys and certificates from main’s memory now.',
    input: z.object({ accessId: handleId }).strict(),
    output: empty,
    errors: [],
  }),
  configureSnowballClient: channel({
    summary:
      'Only on explicit request: `snowballEdge configure` saves the manifest path AND the unlock code together ' +
      'in one plaintext profile file (~/.aws/snowball/config/snowball-edge.config), against keeping them apart.',
    input: z
      .object({
        handleId,
        manifestPath: localPath,
        host: deviceHost,
        clientPath: localPath,
        profile: profileName,
        /** The window showed the plaintext warning and the user accepted it. */
        acceptPlaintext: z.literal(true),
      })
      .strict(),
    output: z.object({
      profile: z.string(),
      /** The plaintext file that now holds manifest path and unlock code together. */
      configFile: z.string(),
      /** What ran, code redacted (the code went to the client's standard input, not its arguments). */
      commandLine: z.string(),
      /** The client's words, code redacted. */
      output: z.array(z.string()),
    }),
    // UNLOCK_FAILED: the manifest is missing or `configure` failed.
    errors: CLIENT_RUN,
  }),
} as const satisfies { [C in ChannelName]: ChannelDef<z.ZodType, z.ZodType> };

// Events ---------------------------------------------------------------------------------------------

/** What main pushes to the window. Declared here like the channels; the preload strips transport details. */
export const events = {
  jobsPage: z.object({ region: z.string(), jobs: z.array(jobSummarySchema) }),
  manifestProgress: z.object({ jobId: z.string(), received: z.number(), total: z.number().nullable() }),
  clipboardTimer: z.object({ outcome: z.enum(['cleared', 'left-alone']) }),
  /** A line the Snowball client printed, with the unlock code already replaced. */
  unlockOutput: z.object({ runId: z.string(), stream: z.enum(['stdout', 'stderr']), line: z.string() }),
  unlockStatus: z.object({
    runId: z.string(),
    state: unlockStateSchema,
    /** One line for people: the summary of this status check, or why the run ended. */
    message: z.string().nullable(),
    /** Where the run is: the client started, it authenticates (unlock command), the device unlocks, done. */
    phase: z.enum(['client-started', 'authenticating', 'unlocking', 'unlocked']),
    /** Every device of the run with its own state, in the order the hosts were given. */
    devices: z.array(deviceUnlockSchema),
    /** What the client printed besides its status document (notices, warnings): its own words. */
    notes: z.array(z.string()),
    /** When the run started, and how long an unlock usually takes (for "usually N minutes"). */
    startedAt: epochMs,
    expectedMs: z.number().int().nonnegative(),
    /** Status checks have not been answered since then (null: they are); tolerated for quietLimitMs. */
    quietSince: epochMs.nullable(),
    quietLimitMs: z.number().int().nonnegative(),
    /** The demo account's simulated device and client, not a real one. */
    simulated: z.boolean(),
  }),
  /** An IAM Identity Center sign-in that was waiting for the person ended. Never carries a token. */
  ssoSignIn: ssoSignInOutcomeSchema,
} as const satisfies { [E in EventName]: z.ZodType };

export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** What the window sends on a channel, and what it gets back. */
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]['output']>;
/** What a handler in main receives (the input as the contract parsed it) and answers (checked after). */
export type HandlerInput<C extends ChannelName> = z.output<(typeof channels)[C]['input']>;
export type HandlerOutput<C extends ChannelName> = z.input<(typeof channels)[C]['output']>;
/** What core's method for a channel returns: its handler's answer, to come. */
export type Answer<C extends ChannelName> = Promise<HandlerOutput<C>>;

/** How core sends an event to the window: one of the contract's events, with its payload. */
export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * The object the preload exposes as `window.companion`: one named function per channel. A channel whose
 * input is empty may be called without an argument.
 */
export type CompanionApi = {
  [C in ChannelName]: Record<string, never> extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
} & {
  /** Listen to an event from main; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
