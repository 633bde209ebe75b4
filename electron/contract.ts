/**
 * The one IPC contract. Every channel the renderer may call is declared here with a zod schema for its
 * input and output and the error codes it may return. Electron main, the preload, the loopback host and
 * the renderer's types all derive from this file; nothing else defines a channel.
 *
 * This file is imported by the renderer too, so it must stay free of Node and Electron imports.
 */
import { z } from 'zod';

/** Error codes that may cross the boundary. The message is for people; the code is for the UI's logic. */
export const ERROR_CODES = [
  // The call itself
  'VALIDATION', // the input broke the contract
  'FORBIDDEN', // the caller is not the app window
  'INTERNAL', // an unexpected failure; details only in the log
  // Credentials and connection
  'NO_CREDENTIALS', // no profile, environment keys or SSO session to use
  'SSO_LOGIN_REQUIRED', // the SSO token is missing or expired: `aws sso login`
  'CREDENTIALS_INVALID', // the keys are wrong, expired or revoked
  'NOT_CONNECTED', // a job call before connecting
  'NETWORK', // the service could not be reached
  'REGION_UNAVAILABLE', // the region is not enabled for the account
  'ACCESS_DENIED', // the identity lacks a permission
  'THROTTLED', // still throttled after the SDK's retries
  'SERVICE_ERROR', // the service failed (5xx) after retries
  'REQUEST_REFUSED', // the service refused the request for a reason it explains
  // Jobs
  'JOB_NOT_FOUND', // InvalidResourceException
  'INVALID_JOB_STATE', // InvalidJobStateException: e.g. the device is not with the customer
  'JOB_CREDENTIALS_EXPIRED', // manifest and unlock code expire 360 days after the job was created
  // Manifest and files
  'DOWNLOAD_FAILED', // the manifest download failed or arrived incomplete
  'FILE_EXISTS', // the destination already holds a file of that name
  'DESTINATION_UNUSABLE', // missing, not a folder, read-only or no permission
  'DESTINATION_FULL', // no space left
  // Unlock code
  'UNLOCK_CODE_EXPIRED', // the code was held in memory too long; fetch it again
  'UNLOCK_CODE_MALFORMED', // not five groups of five letters and digits
  'SEPARATION_BLOCKED', // the code would be stored beside the manifest
  'SEPARATION_UNCONFIRMED', // the place earned a warning the user has not accepted
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ipcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
});
/** What a failed call returns: never a stack, never a secret. */
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Every call returns this envelope: plain data survives contextBridge and JSON alike, thrown errors don't. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  /** Why this channel exists, in a line; shown in docs and error logs. */
  summary: string;
  input: I;
  output: O;
  /** Codes beyond VALIDATION, FORBIDDEN and INTERNAL that every channel can return. */
  errors: readonly ErrorCode[];
}

const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> => def;

/** Inputs are strict objects: unknown keys are refused, not silently dropped. */
const noInput = z.object({}).strict();

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Where the window runs: the Electron app, or a browser through the loopback host. */
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const channels = {
  getAppInfo: channel({
    summary: 'Name, version and shell of the running app.',
    input: noInput,
    output: appInfoSchema,
    errors: [],
  }),
} as const;

export type ChannelName = keyof typeof channels;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]['output']>;

/** The string used on the wire (Electron IPC channel name, loopback host path segment). */
export const wireName = (name: ChannelName): string => `companion:${name}`;

/**
 * The object the preload exposes as `window.companion`: one named function per channel. A channel whose
 * input is empty may be called without an argument.
 */
export type CompanionApi = {
  [C in ChannelName]: Record<string, never> extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

/** The global name under which the preload exposes the API. */
export const API_GLOBAL = 'companion';
