/**
 * A connection to AWS: the credentials (held here and nowhere else), who they belong to, and one Snowball
 * client per region. No function returns the credentials; they are not enumerable, not serialised.
 */
import { SnowballClient } from '@aws-sdk/client-snowball';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AppError } from './app-error';
import { toAppError } from './aws-errors';
import { partitionOf, type Partition } from './regions';

export type ConnectSource =
  | { kind: 'profile'; profile: string }
  | { kind: 'default-chain' }
  | { kind: 'session-keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { kind: 'demo' };

export interface Identity {
  account: string;
  arn: string;
  userId: string;
}

export interface ClientOptions {
  /** Endpoint override: the demo account's emulator, or a test's. */
  endpoint?: string;
  /** Total attempts per call, retries included (the SDK's standard retry strategy). */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface ConnectOptions extends ClientOptions {
  /** The region for STS and the default for calls that need one (a profile's region, say). */
  homeRegion?: string;
}

/** Where the demo account's credentials and endpoint come from (the in-process emulator). */
export interface DemoAccount {
  ensureStarted(): Promise<{
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  }>;
}

export class AwsSession {
  readonly #credentials: AwsCredentialIdentityProvider;
  readonly #clients = new Map<string, SnowballClient>();
  readonly #options: ClientOptions;

  constructor(
    readonly source: ConnectSource['kind'],
    readonly profile: string | null,
    readonly identity: Identity,
    readonly homeRegion: string,
    credentials: AwsCredentialIdentityProvider,
    options: ClientOptions,
  ) {
    this.#credentials = credentials;
    this.#options = options;
  }

  get partition(): Partition {
    const fromArn = this.identity.arn.split(':')[1];
    return fromArn === 'aws-us-gov' || fromArn === 'aws-cn' ? fromArn : partitionOf(this.homeRegion);
  }

  /** The Snowball client for a region, created once. */
  snowball(region: string): SnowballClient {
    let client = this.#clients.get(region);
    if (!client) {
      client = new SnowballClient(clientConfig(region, this.#credentials, this.#options));
      this.#clients.set(region, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }

  /** What may be shown or logged about a session: never the credentials. */
  toJSON(): { source: string; profile: string | null; identity: Identity; homeRegion: string } {
    return {
      source: this.source,
      profile: this.profile,
      identity: this.identity,
      homeRegion: this.homeRegion,
    };
  }
}

function clientConfig(region: string, credentials: AwsCredentialIdentityProvider, options: ClientOptions) {
  return {
    region,
    credentials,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
    }),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
}

/** Resolves credentials for a source, confirms them with sts:GetCallerIdentity, and returns the session. */
export async function connect(
  source: ConnectSource,
  options: ConnectOptions = {},
  demo?: DemoAccount,
): Promise<AwsSession> {
  let credentials: AwsCredentialIdentityProvider;
  let clientOptions: ClientOptions = options;
  const profile = source.kind === 'profile' ? source.profile : null;

  switch (source.kind) {
    case 'profile':
      credentials = fromIni({ profile: source.profile, ignoreCache: true });
      break;
    case 'default-chain':
      credentials = fromNodeProviderChain();
      break;
    case 'session-keys': {
      // Kept in this closure only: never written, never returned.
      const keys = {
        accessKeyId: source.accessKeyId.trim(),
        secretAccessKey: source.secretAccessKey.trim(),
        ...(source.sessionToken?.trim() ? { sessionToken: source.sessionToken.trim() } : {}),
      };
      credentials = async () => keys;
      break;
    }
    case 'demo': {
      if (!demo) throw new AppError('INTERNAL', 'The demo account is not available in this build.');
      const started = await demo.ensureStarted();
      credentials = async () => started.credentials;
      clientOptions = { ...options, endpoint: started.endpoint };
      break;
    }
  }

  const homeRegion = options.homeRegion ?? 'us-east-1';
  const sts = new STSClient(clientConfig(homeRegion, credentials, clientOptions));
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}));
    const identity = { account: who.Account ?? '', arn: who.Arn ?? '', userId: who.UserId ?? '' };
    return new AwsSession(source.kind, profile, identity, homeRegion, credentials, clientOptions);
  } catch (error) {
    throw toAppError(error, {
      action: 'confirm who these credentials belong to',
      region: homeRegion,
      profile,
    });
  } finally {
    sts.destroy();
  }
}
