/**
 * `snowballEdge configure`, only when the user asks for it: the client then keeps the manifest path, the
 * unlock code and the endpoint together in a plaintext profile (~/.aws/snowball/config/
 * snowball-edge.config), which is against keeping them apart, so the window must have shown that
 * warning first. The prompted form is used, so the code travels on standard input, not in the arguments,
 * and the client's JVM is told the home folder (client-env.ts), so the file lands where the window says.
 */
import path from 'node:path';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { LineRedactor } from '../redact';
import { withJvmHome } from './client-env';
import { fileProgram, runClientProcess } from './client-process';
import { commandFailure } from './client-words';
import { configureArgs, displayCommandLine, type ClientKind } from './command-lines';
import { endpointOf } from './device-address';
import type { ConfigureRequest, ConfigureResult } from './launcher';

export interface ConfigureOptions {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  clock: Clock;
  timeoutMs: number;
  platform: NodeJS.Platform;
  killGraceMs?: number;
}

export type ConfigureInput = Pick<ConfigureRequest, 'code' | 'manifestPath' | 'host' | 'profile'> & {
  kind: ClientKind;
  /** The client file to run (links resolved). */
  path: string;
};

/** Where the client keeps its profiles (the Snowball Edge guide). */
export function snowballConfigFile(homeDir: string, platform: NodeJS.Platform): string {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  return pathApi.join(homeDir, '.aws', 'snowball', 'config', 'snowball-edge.config');
}

export async function configureClient(
  input: ConfigureInput,
  options: ConfigureOptions,
): Promise<ConfigureResult> {
  const { kind, code, manifestPath, host, profile } = input;
  if (kind !== 'snowballEdge') {
    throw new AppError(
      'CLIENT_INVALID',
      'The legacy Snowball client has no configure command. Unlock with it directly instead.',
    );
  }
  const args = configureArgs(profile);
  // Answers to its three prompts, in order: manifest path, unlock code, default endpoint.
  const answers = `${manifestPath}\n${code}\n${endpointOf(host)}\n`;
  const redactor = new LineRedactor([code]);
  const run = runClientProcess(fileProgram(input.path, options.platform), args, {
    env: withJvmHome(options.env, options.homeDir),
    cwd: path.dirname(input.path),
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    stdin: answers,
    redact: (line) => redactor.redact(line),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
  });
  const exit = await run.exit;
  const failure = commandFailure(exit, {
    step: 'snowballEdge configure',
    timeoutMs: options.timeoutMs,
    probePassed: false,
    codeOrigin: { kind: 'aws' },
  });
  if (failure) throw new AppError('UNLOCK_FAILED', failure);
  return {
    profile,
    configFile: snowballConfigFile(options.homeDir, options.platform),
    commandLine: displayCommandLine(input.path, args, code, options.platform),
    output: exit.lines.map((l) => l.line),
  };
}
