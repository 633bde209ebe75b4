/**
 * A connection to AWS: the credentials (held here and nowhere else), who they belong to, and one Snowball
 * client per region. No function returns the credentials; they are not enumerable, not serialised.
 */
import { SnowballClient } from '@aws-sdk/client-snowball';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ConnectionInfo, HandlerInput } from '../contract';
import { AppError } from './app-error';
import { toAppError } from './aws-errors';
import { partitionOf, type Partition } from './regions';

/** A profile, the default chain, keys for this session, or the demo account (the contract's shape). */
export type ConnectSource = HandlerInput<'connect'>['source'];

type Identity = ConnectionInfo['identity'];

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
  /** Credentials of IAM Identity Center profiles (core/sso); other profiles go through fromIni. */
  sso?: SsoCredentialSource;
}

/** The account and role chosen for an IAM Identity Center profile (the contract's shape). */
export type SsoRole = NonNullable<Extract<ConnectSource, { kind: 'profile' }>['ssoRole']>;

/** What an IAM Identity Center connection shows: the portal, account and role in use. */
export type SsoConnection = NonNullable<ConnectionInfo['sso']>;

export interface SsoCredentialSource {
  /** Role credentials for an SSO profile (the chosen role, or the profile's own); null for other profiles. */
  credentials(
    profile: string,
    role?: SsoRole,
  ): Promise<{ provider: AwsCredentialIdentityProvider; sso: SsoConnection } | null>;
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
    readonly sso: SsoConnection | null = null,
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
      client = new SnowballClient({ ...clientConfig(region, this.#options), credentials: this.#credentials });
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

/** Region, retries, timeouts and the endpoint override of an SDK client; the caller adds credentials. */
export function clientConfig(region: string, options: ClientOptions) {
  return {
    region,
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
  let sso: SsoConnection | null = null;
  const profile = source.kind === 'profile' ? source.profile : null;

  switch (source.kind) {
    case 'profile': {
      const fromSso = await options.sso?.credentials(source.profile, source.ssoRole);
      credentials = fromSso?.provider ?? fromIni({ profile: source.profile, ignoreCache: true });
      sso = fromSso?.sso ?? null;
      break;
    }
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
  const sts = new STSClient({ ...clientConfig(homeRegion, clientOptions), credentials });
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}));
    const identity = { account: who.Account ?? '', arn: who.Arn ?? '', userId: who.UserId ?? '' };
    return new AwsSession(source.kind, profile, identity, homeRegion, credentials, clientOptions, sso);
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
