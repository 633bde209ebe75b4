/**
 * The contract's names as plain data: every channel and event the window may use, their wire names and
 * the preload's global. Part of the contract (contract.ts re-exports all of it and declares a schema for
 * each name; the compiler refuses a channel or event in one list and not in the other). Kept apart so the
 * preloads can list the channels without loading zod or building a single schema.
 *
 * No imports: this file must stay free of Node, Electron and zod.
 */

export const CHANNEL_NAMES = [
  'getAppInfo',
  'listCredentialSources',
  'connect',
  'disconnect',
  'startSsoSignIn',
  'cancelSsoSignIn',
  'listSsoAccounts',
  'listSsoRoles',
  'getConnection',
  'listRegions',
  'listJobs',
  'describeJob',
  'describeCluster',
  'downloadManifest',
  'fetchUnlockCode',
  'revealUnlockCode',
  'copyUnlockCode',
  'forgetUnlockCode',
  'checkSeparation',
  'saveUnlockCode',
  'markReceived',
  'getReturnLabel',
  'getSoftwareUpdates',
  'chooseFolder',
  'chooseFile',
  'openExternal',
  'getSettings',
  'rememberRegions',
  'rememberJob',
  'listAuditEntries',
  'holdUnlockCode',
  'readUnlockCodeFile',
  'findSnowballClient',
  'chooseSnowballClient',
  'confirmSnowballClient',
  'probeDevice',
  'startUnlock',
  'cancelUnlock',
  'exportAuditLog',
  'readDeviceAccess',
  'revealDeviceSecretKey',
  'saveDeviceCertificate',
  'previewAwsProfile',
  'writeAwsProfile',
  'checkDeviceS3',
  'forgetDeviceAccess',
  'configureSnowballClient',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'jobsPage',
  'manifestProgress',
  'clipboardTimer',
  'unlockOutput',
  'unlockStatus',
  'ssoSignIn',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The string used on the wire (Electron IPC channel name, loopback host path segment). */
export const wireName = (name: ChannelName): string => `companion:${name}`;
export const eventWireName = (name: EventName): string => `companion-event:${name}`;

/** The global name under which the preload exposes the API. */
export const API_GLOBAL = 'companion';
