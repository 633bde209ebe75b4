/**
 * `snowballEdge configure`, only when the user asks for it: the client then keeps the manifest path, the
 * unlock code and the endpoint together in a plaintext profile (~/.aws/snowball/config/
 * snowball-edge.config), which is against keeping them apart, so the window must have shown that
 * warning first. The prompted form is used, so the code travels on standard input, not in the arguments.
 */
import path from 'node:path';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { redactSecrets } from '../redact';
import { runClientProcess } from './client-process';
import { failureOf } from './client-words';
import { configureArgs, displayCommandLine } from './command-lines';
import { endpointOf } from './device-address';
import type { ConfigureResult, FoundClient } from './launcher';

export interface ConfigureOptions {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  clock: Clock;
  timeoutMs: number;
  platform: NodeJS.Platform;
  killGraceMs?: number;
}

export interface ConfigureInput {
  client: FoundClient;
  code: string;
  manifestPath: string;
  host: string;
  profile: string;
}

/** Where the client keeps its profiles (the Snowball Edge guide). */
export function snowballConfigFile(homeDir: string, platform: NodeJS.Platform): string {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  return pathApi.join(homeDir, '.aws', 'snowball', 'config', 'snowball-edge.config');
}

export async function configureClient(
  input: ConfigureInput,
  options: ConfigureOptions,
): Promise<ConfigureResult> {
  const { client, code, manifestPath, host, profile } = input;
  if (client.kind !== 'snowballEdge') {
    throw new AppError(
      'CLIENT_INVALID',
      'The legacy Snowball client has no configure command. Unlock with it directly instead.',
    );
  }
  const args = configureArgs(profile);
  // Answers to its three prompts, in order: manifest path, unlock code, default endpoint.
  const answers = `${manifestPath}\n${code}\n${endpointOf(host)}\n`;
  const run = runClientProcess(client.path, args, {
    env: options.env,
    cwd: path.dirname(client.path),
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    platform: options.platform,
    stdin: answers,
    redact: (line) => redactSecrets(line, [code]),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
  });
  const exit = await run.exit;
  const failure = failureOf('snowballEdge configure', exit, options.timeoutMs);
  if (failure) throw new AppError('UNLOCK_FAILED', failure);
  return {
    profile,
    configFile: snowballConfigFile(options.homeDir, options.platform),
    commandLine: displayCommandLine(client.path, args, code, options.platform),
    output: exit.lines.map((l) => l.line),
  };
}
