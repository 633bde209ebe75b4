/**
 * The one validated entry for every IPC call, shared by Electron main and the loopback host: check the
 * sender, validate the input against the contract, run the handler, validate the output, and turn any
 * failure into `{code, message, retryable}` without a stack or a secret.
 */
import type { z } from 'zod';
import {
  ALWAYS_POSSIBLE,
  CHANNEL_NAMES,
  channels,
  wireName,
  type ChannelName,
  type ErrorCode,
  type HandlerInput,
  type HandlerOutput,
  type IpcError,
  type Result,
} from '../contract';
import { AppError } from '../core/app-error';

/** Who is calling, as the transport saw it. */
export interface CallSender {
  /** Origin of the calling frame (`app://companion` in Electron, the host's own origin in a browser). */
  origin: string;
  /** False for sub-frames: only the app's top-level page may call. */
  isMainFrame: boolean;
}

/**
 * The origin of a URL, also for the app's own scheme: Node's URL reports "null" as the origin of any
 * scheme it does not know as special (app:// included), which would make every call look foreign.
 */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.origin !== 'null') return parsed.origin;
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : '';
  } catch {
    return '';
  }
}

export type RawHandler = (sender: CallSender, input: unknown) => Promise<Result<unknown>>;

/** Electron's ipcMain is one implementation, the loopback host's HTTP router the other. */
export interface Transport {
  handle(wire: string, handler: RawHandler): void;
}

export type Handlers = {
  [C in ChannelName]: (input: HandlerInput<C>) => Promise<HandlerOutput<C>>;
};

export interface RegistryOptions {
  /** The only origin allowed to call. */
  trustedOrigin: string;
  /** Where failures are reported for diagnosis (already redacted by the logger). */
  onError?: (channel: ChannelName, error: unknown) => void;
  /**
   * A handler answered a code its channel does not declare (the contract's `errors`). The answer still
   * goes to the window; by default it is reported through onError, and the tests make it a failure.
   */
  onUndeclaredCode?: (channel: ChannelName, code: ErrorCode) => void;
}

/** Whether the contract lets this channel answer this code. */
export function declares(name: ChannelName, code: ErrorCode): boolean {
  return ALWAYS_POSSIBLE.includes(code) || (channels[name].errors as readonly ErrorCode[]).includes(code);
}

export function registerChannels(transport: Transport, handlers: Handlers, options: RegistryOptions): void {
  for (const name of CHANNEL_NAMES) {
    transport.handle(wireName(name), (sender, input) => dispatch(name, handlers, options, sender, input));
  }
}

async function dispatch(
  name: ChannelName,
  handlers: Handlers,
  options: RegistryOptions,
  sender: CallSender,
  input: unknown,
): Promise<Result<unknown>> {
  if (!sender.isMainFrame || sender.origin !== options.trustedOrigin) {
    return fail({
      code: 'FORBIDDEN',
      message: 'This call did not come from the app window.',
      retryable: false,
    });
  }
  // zod's object check takes any object, so a Date, Map or typed array (all of which structured clone
  // delivers) would pass for the empty input of a channel without arguments.
  if (!isPlainObject(input)) {
    options.onError?.(
      name,
      new Error(`The request to ${name} was not valid (input: expected a plain object).`),
    );
    return fail(invalid([]));
  }
  const def = channels[name];
  const parsed = def.input.safeParse(input);
  if (!parsed.success) {
    // The details (channel, fields, the schema's words) are for the log; the window gets the fields'
    // paths to mark and a sentence for people.
    options.onError?.(name, new Error(describeIssues(name, parsed.error)));
    return fail(invalid(parsed.error.issues));
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const output = def.output.parse(await handler(parsed.data));
    return { ok: true, value: output };
  } catch (error) {
    options.onError?.(name, error);
    if (error instanceof AppError) {
      if (!declares(name, error.code)) {
        const report =
          options.onUndeclaredCode ??
          ((channel: ChannelName, code: ErrorCode) =>
            options.onError?.(
              channel,
              new Error(`${channel} answered ${code}, which its contract does not declare.`),
            ));
        report(name, error.code);
      }
      return fail({ code: error.code, message: error.message, retryable: error.retryable });
    }
    return fail({
      code: 'INTERNAL',
      message: `Snowball Companion hit an unexpected problem (${name}). Try again; if it persists, the log has details.`,
      retryable: true,
    });
  }
}

function fail(error: IpcError): Result<never> {
  return { ok: false, error };
}

/** What the window shows for input the contract refused: never the channel's or the schema's words. */
const NOT_ACCEPTED = 'Something entered here is not in the form Snowball Companion expects';
export const INVALID_INPUT_MESSAGE = `${NOT_ACCEPTED}. Check the marked fields and try again.`;

/**
 * The refused fields by path, and the message: the general sentence, or the contract's own advice where a
 * check of its own (a refinement, written for people: "contains a line break…; type or paste the path
 * again on one line") is what failed. zod's generic wording ("Too small: expected string…") never shows.
 */
function invalid(issues: readonly z.core.$ZodIssue[]): IpcError {
  const fields = [...new Set(issues.map((issue) => issue.path.map(String).join('.')).filter(Boolean))].slice(
    0,
    10,
  );
  const advice = [
    ...new Set(issues.filter((issue) => issue.code === 'custom').map((issue) => issue.message)),
  ];
  return {
    code: 'VALIDATION',
    message: advice.length > 0 ? `${NOT_ACCEPTED}: it ${advice.join('; it ')}.` : INVALID_INPUT_MESSAGE,
    retryable: false,
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** An object literal, JSON.parse or structured clone made: its prototype is Object.prototype (any realm's) or null. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * For the log: names the fields and the problem, never the values (which may be secrets). Unknown keys
 * are named too, but only their start: a key is input like any other.
 */
function describeIssues(name: ChannelName, error: z.ZodError): string {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys
        .slice(0, 3)
        .map((k) => JSON.stringify(k.length > 32 ? `${k.slice(0, 32)}…` : k));
      const noun = issue.keys.length === 1 ? 'key' : 'keys';
      return `${where}: unknown ${noun} ${keys.join(', ')}${issue.keys.length > 3 ? ', …' : ''}`;
    }
    return `${where}: ${issue.message}`;
  });
  return `The request to ${name} was not valid (${problems.join('; ')}).`;
}
