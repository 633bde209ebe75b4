/**
 * The demo account's simulated Snowball Edge client: the documented command surface of `snowballEdge`
 * (developer guide, "Commands for the Snowball Edge Client", "Unlocking the Snowball Edge", "Replacing a
 * node in a cluster") against the simulated devices. It runs inside the app (no file to install, no
 * Java), but reads its configuration the way the real client does: the JVM's home folder (`user.home`,
 * from JAVA_TOOL_OPTIONS when set, else the account's home), `--profile NAME` from
 * `.aws/snowball/config/snowball-edge.config` there, the manifest from disk checked against the code.
 * It prints what the guide shows: the unlocking sentences, Jackson's pretty JSON (`"Key" : value`), and
 * after the unlock the device's keys (`list-access-keys`, `get-secret-access-key` as an INI block), its
 * certificate (`list-certificates`, `get-certificate` as PEM) and its S3 service (`describe-service`).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeManifest, verifyUnlockCode } from '../manifest-format';
import { DEVICE_S3_PORT, type SimulatedDevices } from './simulated-site';

/** Commands that need the device unlocked (developer guide, "Commands for the Snowball Edge Client"). */
const AFTER_UNLOCK = [
  'list-access-keys',
  'get-secret-access-key',
  'list-certificates',
  'get-certificate',
  'describe-service',
];

export const SIMULATED_VERSION = '1.2.0  Build 661';

export interface ClientIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

class ClientError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs one command; resolves with its exit code. */
export async function runSimulatedClient(
  argv: readonly string[],
  io: ClientIo,
  devices: SimulatedDevices,
): Promise<number> {
  const toolOptions = io.env.JAVA_TOOL_OPTIONS;
  // What a JVM prints when it takes options from the environment.
  if (toolOptions) io.err(`Picked up JAVA_TOOL_OPTIONS: ${toolOptions}`);
  const [command = '', ...rest] = argv;
  try {
    switch (command) {
      case 'version':
        io.out(`Snowball Edge client version: ${SIMULATED_VERSION}`);
        return 0;
      case 'unlock-device':
      case 'unlock-cluster':
      case 'describe-device':
      case 'describe-cluster':
      case 'list-access-keys':
      case 'get-secret-access-key':
      case 'list-certificates':
      case 'get-certificate':
      case 'describe-service':
        await deviceCommand(command, flagsOf(rest), io, devices);
        return 0;
      default:
        throw new ClientError(
          `Unknown command ${command}. Run snowballEdge help for the list of commands.`,
          2,
        );
    }
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
}

interface Credentials {
  manifestPath: string;
  unlockCode: string;
  endpoint: string;
  deviceIps: string[];
}

async function deviceCommand(
  command: string,
  flags: Map<string, string[]>,
  io: ClientIo,
  devices: SimulatedDevices,
): Promise<void> {
  const creds = await credentialsOf(flags, io.env);
  const endpointHost = /^https:\/\/\[?([^\]/:]+)/.exec(creds.endpoint)?.[1];
  if (!endpointHost)
    throw new ClientError(`The endpoint ${creds.endpoint} is not https:// and an IP address.`, 2);
  if (!devices.has(endpointHost)) {
    throw new ClientError(`Connect to ${endpointHost}:9091 [/${endpointHost}] failed: connect timed out`);
  }
  let manifest: Buffer;
  try {
    manifest = await readFile(creds.manifestPath);
  } catch {
    throw new ClientError(`The manifest file ${creds.manifestPath} could not be read.`);
  }
  if (!verifyUnlockCode(manifest, creds.unlockCode)) {
    throw new ClientError(
      'Unable to unlock the device: the unlock code is not valid for this manifest file.',
    );
  }
  const header = decodeManifest(manifest).header;
  const cluster = command.endsWith('-cluster');
  // A cluster's node is unlocked with its cluster: its state (and keys) belong to the cluster.
  const job = header.clusterId ?? header.jobId;
  const hosts = cluster ? creds.deviceIps : [endpointHost];
  if (cluster && hosts.length < 2) {
    throw new ClientError('--device-ip-addresses needs the address of every device in the cluster.', 2);
  }
  if (AFTER_UNLOCK.includes(command)) {
    return afterUnlock(command, flags, io, devices, endpointHost, job, header.buckets ?? []);
  }
  switch (command) {
    case 'unlock-device':
      devices.unlock(hosts, job);
      io.out(
        'Your Snowball Edge device is unlocking. You may determine the unlock state of your device using the describe-device command. Your Snowball Edge device will be available for use when it is in the UNLOCKED state.',
      );
      return;
    case 'unlock-cluster':
      devices.unlock(hosts, job);
      io.out(
        'Your Snowball Edge Cluster is unlocking. You may determine the unlock state of your cluster using the describe-device command. Your Snowball Edge Cluster will be available for use when your Snowball Edge devices are in the UNLOCKED state.',
      );
      return;
    case 'describe-device':
      printJackson(io, describe(endpointHost, header.jobId, devices.state(endpointHost, job)));
      return;
    default:
      printJackson(io, {
        ClusterId: header.clusterId ?? 'CID-SIMULATED',
        Devices: hosts.map((host, i) => ({
          ...describe(host, `${header.jobId}-${i + 1}`, devices.state(host, job)),
          ClusterAssociation: { ClusterId: header.clusterId ?? 'CID-SIMULATED', State: 'ASSOCIATED' },
          NetworkReachability: { State: 'REACHABLE' },
        })),
      });
  }
}

async function afterUnlock(
  command: string,
  flags: Map<string, string[]>,
  io: ClientIo,
  devices: SimulatedDevices,
  host: string,
  job: string,
  buckets: readonly string[],
): Promise<void> {
  const state = devices.state(host, job);
  if (state !== 'UNLOCKED') {
    throw new ClientError(`The Snowball Edge device is ${state}: unlock it with unlock-device first.`);
  }
  const one = (name: string) => flags.get(name)?.[0];
  const identity = await devices.identity(host, job, buckets);
  switch (command) {
    case 'list-access-keys':
      return printJackson(io, { AccessKeyIds: [identity.keys.accessKeyId] });
    case 'get-secret-access-key': {
      if (one('--access-key-id') !== identity.keys.accessKeyId) {
        throw new ClientError(
          `The access key ${one('--access-key-id') ?? '(none)'} was not found on this device.`,
        );
      }
      io.out('[snowballEdge]');
      io.out(`aws_access_key_id = ${identity.keys.accessKeyId}`);
      io.out(`aws_secret_access_key = ${identity.keys.secretAccessKey}`);
      return;
    }
    case 'list-certificates':
      return printJackson(io, {
        Certificates: [{ CertificateArn: identity.certificateArn, SubjectAlternativeNames: [host] }],
      });
    case 'get-certificate':
      if (one('--certificate-arn') !== identity.certificateArn) {
        throw new ClientError(
          `The certificate ${one('--certificate-arn') ?? '(none)'} was not found on this device.`,
        );
      }
      for (const line of identity.certificate.cert.trimEnd().split('\n')) io.out(line);
      return;
    default: {
      if (one('--service-id') !== 's3') {
        throw new ClientError(
          `The service ${one('--service-id') ?? '(none)'} is not simulated on this device; s3 is.`,
          2,
        );
      }
      return printJackson(io, {
        ServiceId: 's3',
        Status: { State: devices.s3State(host, job) },
        Storage: { TotalSpaceBytes: 83_821_350_912_000, FreeSpaceBytes: 83_821_349_888_000 },
        Endpoints: [
          { Protocol: 'http', Port: 8080, Host: host },
          {
            Protocol: 'https',
            Port: DEVICE_S3_PORT,
            Host: host,
            CertificateAssociation: { CertificateArn: identity.certificateArn },
          },
        ],
      });
    }
  }
}

function describe(host: string, deviceId: string, state: string): Record<string, unknown> {
  return {
    DeviceId: deviceId,
    UnlockStatus: { State: state },
    ActiveNetworkInterface: { IpAddress: host },
    PhysicalNetworkInterfaces: [
      {
        PhysicalNetworkInterfaceId: 's.ni-simulated0001',
        PhysicalConnectorType: 'RJ45',
        IpAddressAssignment: 'STATIC',
        IpAddress: host,
        Netmask: '255.255.255.0',
        DefaultGateway: '192.0.2.1',
        MacAddress: '02:00:00:00:00:01',
      },
    ],
    DeviceType: 'SBE-C (simulated)',
    DeviceCapacities: [
      {
        Name: 'HDD Storage',
        Unit: 'Byte',
        Total: 83_821_350_912_000,
        Used: 1_024_000,
        Available: 83_821_349_888_000,
      },
      { Name: 'SSD Storage', Unit: 'Byte', Total: 7_681_501_126_656, Used: 0, Available: 7_681_501_126_656 },
      { Name: 'vCPU', Unit: 'Number', Total: 104, Used: 0, Available: 104 },
      { Name: 'Memory', Unit: 'Byte', Total: 446_676_598_784, Used: 0, Available: 446_676_598_784 },
    ],
  };
}

/** --flag value… pairs (a flag takes every value up to the next flag). */
function flagsOf(args: readonly string[]): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const arg of args) {
    if (arg.startsWith('--')) flags.set(arg, (current = []));
    else if (current) current.push(arg);
    else throw new ClientError(`Unexpected argument ${arg}.`, 2);
  }
  return flags;
}

/** The flags, else the profile named by --profile in the JVM home's snowball-edge.config. */
async function credentialsOf(flags: Map<string, string[]>, env: NodeJS.ProcessEnv): Promise<Credentials> {
  const one = (name: string) => flags.get(name)?.[0];
  const profileName = one('--profile');
  let profile: Record<string, unknown> = {};
  if (profileName) {
    const file = path.join(jvmHome(env), '.aws', 'snowball', 'config', 'snowball-edge.config');
    let config: { profiles?: Record<string, Record<string, unknown>> };
    try {
      config = JSON.parse(await readFile(file, 'utf8')) as typeof config;
    } catch {
      throw new ClientError(
        `The profile ${profileName} was not found: there is no configuration at ${file}.`,
      );
    }
    const found = config.profiles?.[profileName];
    if (!found) throw new ClientError(`The profile ${profileName} was not found in ${file}.`);
    profile = found;
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const creds = {
    manifestPath: one('--manifest-file') ?? text(profile.manifestPath),
    unlockCode: one('--unlock-code') ?? text(profile.unlockCode),
    endpoint: one('--endpoint') ?? text(profile.defaultEndpoint),
    deviceIps:
      flags.get('--device-ip-addresses') ??
      (Array.isArray(profile.deviceIps) ? profile.deviceIps.filter((ip) => typeof ip === 'string') : []),
  };
  if (!creds.manifestPath || !creds.unlockCode || !creds.endpoint) {
    throw new ClientError(
      'The manifest file, the unlock code and the endpoint are required (or --profile).',
      2,
    );
  }
  return creds;
}

/** user.home as a JVM sets it: the last -Duser.home in JAVA_TOOL_OPTIONS, else the account's home. */
export function jvmHome(env: NodeJS.ProcessEnv): string {
  const options = env.JAVA_TOOL_OPTIONS ?? '';
  let home: string | null = null;
  for (const m of options.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const option = m[1] ?? m[2] ?? m[3] ?? '';
    if (option.startsWith('-Duser.home=')) home = option.slice('-Duser.home='.length);
  }
  return home ?? os.userInfo().homedir;
}

/** Jackson's default pretty printer: two-space indents, `"Key" : value`, arrays as `[ {` … `} ]`. */
function printJackson(io: ClientIo, value: unknown): void {
  for (const line of jackson(value, '').split('\n')) io.out(line);
}

function jackson(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => jackson(v, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{ }';
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${jackson(v, inner)}`).join(',\n');
    return `{\n${body}\n${indent}}`;
  }
  return JSON.stringify(value);
}
