/**
 * The Snowball client launcher's interface: find the client and let the person vouch for it, probe the
 * device, run the unlock and follow it. Core's client service talks to this; the implementation
 * (snowball-client-launcher.ts) lives beside it. What crosses to the window has the contract's shapes.
 */
import type {
  EventPayload,
  HandlerInput,
  HandlerOutput,
  ProbeInfo,
  SnowballClientInfo,
  TrustedClientInfo,
} from '../../contract';
import type { ClientProgram } from './client-process';
import type { ClientSession } from './client-session';
import type { ClientFacts } from './client-trust';
import type { CodeOrigin } from './client-words';

/** What the launcher needs of a run beyond the contract's request: the code itself, and whose it is. */
interface WithCode {
  code: string;
  /** A file the person vouched for, or the demo account's simulated client. */
  client: TrustedClientInfo | 'simulated';
}

export type UnlockRequest = Pick<HandlerInput<'startUnlock'>, 'manifestPath' | 'hosts'> &
  WithCode & {
    /** The person agreed that this client (it cannot take a profile) gets the code in its arguments. */
    allowCodeInArguments: boolean;
    codeOrigin: CodeOrigin;
    jobId: string | null;
  };

export interface UnlockEvents {
  output(line: EventPayload<'unlockOutput'>): void;
  status(status: EventPayload<'unlockStatus'>): void;
  /** The run's private config home came or went (for the audit log; never its contents). */
  profileHome?(change: { runId: string; action: 'created' | 'removed'; dir: string }): void;
}

/** Commands after the unlock (keys, certificates, services): the same client, trust and private profile. */
export type SessionRequest = Pick<UnlockRequest, 'code' | 'manifestPath' | 'hosts' | 'client' | 'jobId'>;

export interface DeviceSession {
  session: ClientSession;
  simulated: boolean;
  /** How long one command may take. */
  timeoutMs: number;
  /** Where a device's port really listens: the demo's loopback listeners; null on a real network. */
  connectVia(host: string, port: number): { host: string; port: number } | null;
}

/** The private profile of a session came or went (for the audit log; never its contents). */
export interface ProfileHooks {
  created?(dir: string): void;
  removed?(dir: string): void;
}

/** `snowballEdge configure`: stores manifest path, unlock code and endpoint as a plaintext profile. */
export type ConfigureRequest = Pick<
  HandlerInput<'configureSnowballClient'>,
  'manifestPath' | 'host' | 'profile'
> &
  WithCode & { client: TrustedClientInfo };
export type ConfigureResult = HandlerOutput<'configureSnowballClient'>;

type Found = HandlerOutput<'findSnowballClient'>;

export interface ClientLauncher {
  /** Candidates on PATH, in install folders and the remembered path, looked at (nothing runs). */
  find(remembered: string | null, trusted: readonly TrustedClientInfo[]): Promise<Found>;
  /** One file, looked at (nothing runs); CLIENT_INVALID when it is not one that may run. */
  inspect(path: string, trusted: readonly TrustedClientInfo[]): Promise<SnowballClientInfo>;
  /**
   * The person vouches for the file whose SHA-256 they saw: `ask` puts it to them outside the window
   * (a native dialog, or the terminal in browser mode); only then does its version command run.
   */
  confirm(
    path: string,
    sha256: string,
    ask: (facts: ClientFacts) => Promise<boolean>,
  ): Promise<TrustedClientInfo>;
  probe(host: string): Promise<ProbeInfo>;
  /** Starts the unlock; progress and the outcome arrive as events. Returns the command line, code redacted. */
  start(request: UnlockRequest, events: UnlockEvents): Promise<HandlerOutput<'startUnlock'>>;
  cancel(runId: string): Promise<void>;
  /** Stops every running client and removes every private config home (the app is quitting). */
  stopAll(): Promise<void>;
  /** At start-up: removes the private config homes a crash left; returns how many. */
  sweep?(): Promise<number>;
  /** The demo account's simulated site while the demo account is connected; null otherwise. */
  useSimulatedSite?(site: SimulatedSite | null): void;
  /** A session for commands after the unlock; closing it removes its private profile. */
  openSession(request: SessionRequest, hooks?: ProfileHooks): Promise<DeviceSession>;
  /** Only on the user's explicit request, after the plaintext warning. */
  configure(request: ConfigureRequest): Promise<ConfigureResult>;
}

/** What the simulated devices' displays show. */
export type SimulatedAddresses = NonNullable<Found['simulatedSite']>;

/** The demo account's simulated site, as the launcher uses it: a client program and devices to probe. */
export interface SimulatedSite {
  readonly addresses: SimulatedAddresses;
  /** What the simulated client's version command says. */
  readonly version: string;
  readonly program: ClientProgram;
  /** Its status checks come quicker than a real device's, and it unlocks in seconds. */
  readonly pollIntervalMs: number;
  readonly expectedMs: number;
  /** Where a simulated device listens for the probe, if `host` is one of them. */
  probeTarget(host: string): { host: string; port: number } | null;
  /** Where a simulated device's port (its S3 adapter's 8443) really listens, if `host` is one of them. */
  connectVia?(host: string, port: number): { host: string; port: number } | null;
}
