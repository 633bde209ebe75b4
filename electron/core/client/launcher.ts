/**
 * The Snowball client launcher's interface: find the client, probe the device, run the unlock and follow
 * it. Core's service talks to this; the implementation (snowball-client-launcher.ts) lives beside it.
 */
import type { UnlockState } from '../../contract';

export interface FoundClient {
  path: string;
  kind: 'snowballEdge' | 'snowball';
  version: string | null;
  source: 'path' | 'install-folder' | 'settings' | 'chosen';
}

export interface ProbeResult {
  host: string;
  port: number;
  outcome: 'open' | 'refused' | 'timeout' | 'unreachable' | 'name-not-found';
  message: string;
  hints: string[];
  latencyMs: number | null;
}

export interface UnlockRequest {
  code: string;
  manifestPath: string;
  hosts: string[];
  clientPath: string;
}

export interface UnlockEvents {
  output(line: { runId: string; stream: 'stdout' | 'stderr'; line: string }): void;
  status(status: { runId: string; state: UnlockState; message: string | null }): void;
}

/** `snowballEdge configure`: stores manifest path, unlock code and endpoint as a plaintext profile. */
export interface ConfigureRequest {
  code: string;
  manifestPath: string;
  host: string;
  clientPath: string;
  profile: string;
}

export interface ConfigureResult {
  profile: string;
  /** The plaintext file that now holds the manifest path and the unlock code together. */
  configFile: string;
  /** What ran, with the code redacted (the client reads it on standard input, not from its arguments). */
  commandLine: string;
  /** The client's own words, code redacted. */
  output: string[];
}

export interface ClientLauncher {
  find(remembered: string | null): Promise<{ clients: FoundClient[]; problems: string[] }>;
  confirm(path: string): Promise<FoundClient>;
  probe(host: string): Promise<ProbeResult>;
  /** Starts the unlock; progress and the outcome arrive as events. Returns the command line, code redacted. */
  start(request: UnlockRequest, events: UnlockEvents): Promise<{ runId: string; commandLine: string }>;
  cancel(runId: string): Promise<void>;
  /** Stops every running client (the app is quitting). */
  stopAll(): Promise<void>;
  /** Optional: only on the user's explicit request, after the plaintext warning. */
  configure?(request: ConfigureRequest): Promise<ConfigureResult>;
}
