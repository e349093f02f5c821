import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { endpointFor, type Connection, type ServiceId } from './connection';
import { createCredentialChain } from './credentialChain';
import { UnknownProfileError } from './errors';
import { loadSdk, type AwsSdk } from './loadSdk';
import type { SharedConfig } from './sharedConfig';

/** The SDK clients the extension uses, by region. Everything that calls AWS receives one of these. */
export interface AwsClients {
  readonly connection: Connection;
  /** `maxAttempts: 1` gives a client that never retries by itself (creates whose outcome must be checked first). */
  sagemaker(region?: string, options?: ClientOptions): Promise<SageMakerClient>;
  runtime(region?: string): Promise<SageMakerRuntimeClient>;
  logs(region?: string): Promise<CloudWatchLogsClient>;
  s3(region?: string): Promise<S3Client>;
  sts(region?: string): Promise<STSClient>;
  /** The Price List API answers only in us-east-1, eu-central-1 and ap-south-1. */
  pricing(region?: string): Promise<PricingClient>;
  /** Resolves the credentials (throws the provider's error when there are none). */
  credentials(): Promise<AwsCredentialIdentity>;
  /** The endpoint override in force for a service in a region (default: the connection's), if any (for messages). */
  endpointFor(service: ServiceId, region?: string): string | undefined;
}

/** Per-client variations of the connection's defaults. */
export interface ClientOptions {
  /** Attempts per call including the first; 1 turns the SDK's own retries off. */
  readonly maxAttempts?: number;
}

export interface ClientFactoryOptions {
  readonly connection: Connection;
  readonly shared: SharedConfig;
  /** Appended to the SDK's user agent, e.g. `sagemaker-companion/0.1.0`. */
  readonly userAgent: string;
  /** Attempts per call including the first (SDK standard retry mode; retries throttling and 5xx). */
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
}

interface Destroyable {
  destroy(): void;
}

/**
 * Creates SDK clients for one connection: one credential provider shared by all clients, one
 * client per service and region, endpoint overrides from settings (the SDK itself honours
 * `AWS_ENDPOINT_URL*` and the config file's `services` section when no override is set).
 */
export class ClientFactory implements AwsClients {
  private readonly clients = new Map<string, Promise<Destroyable>>();
  private provider: AwsCredentialIdentityProvider | undefined;

  constructor(private readonly options: ClientFactoryOptions) {}

  get connection(): Connection {
    return this.options.connection;
  }

  sagemaker(region?: string, options?: ClientOptions): Promise<SageMakerClient> {
    return this.client('sagemaker', region, (sdk, config) => new sdk.sagemaker.SageMakerClient(config), options);
  }

  runtime(region?: string): Promise<SageMakerRuntimeClient> {
    return this.client('sagemakerRuntime', region, (sdk, config) => new sdk.runtime.SageMakerRuntimeClient(config));
  }

  logs(region?: string): Promise<CloudWatchLogsClient> {
    return this.client('logs', region, (sdk, config) => new sdk.logs.CloudWatchLogsClient(config));
  }

  s3(region?: string): Promise<S3Client> {
    return this.client('s3', region, (sdk, config) =>
      new sdk.s3.S3Client({
        ...config,
        // Custom endpoints (VPC endpoints, local services) are addressed path-style.
        forcePathStyle: config.endpoint !== undefined,
      }),
    );
  }

  sts(region?: string): Promise<STSClient> {
    return this.client('sts', region, (sdk, config) => new sdk.sts.STSClient(config));
  }

  pricing(region = 'us-east-1'): Promise<PricingClient> {
    return this.client('pricing', region, (sdk, config) => new sdk.pricing.PricingClient(config));
  }

  async credentials(): Promise<AwsCredentialIdentity> {
    const provider = await this.credentialProvider();
    return provider();
  }

  endpointFor(service: ServiceId, region?: string): string | undefined {
    return endpointFor(this.options.connection, service, region ?? this.options.connection.region);
  }

  dispose(): void {
    for (const pending of this.clients.values()) void pending.then((client) => client.destroy(), () => undefined);
    this.clients.clear();
  }

  private client<T extends Destroyable>(
    service: ServiceId,
    region: string | undefined,
    create: (sdk: AwsSdk, config: BaseClientConfig) => T,
    options?: ClientOptions,
  ): Promise<T> {
    const resolvedRegion = region ?? this.options.connection.region;
    const key = `${service}/${resolvedRegion}${options?.maxAttempts === undefined ? '' : `/attempts=${options.maxAttempts}`}`;
    let pending = this.clients.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = (async () => {
        const sdk = await loadSdk();
        const config = await this.baseConfig(service, resolvedRegion);
        return create(sdk, options?.maxAttempts === undefined ? config : { ...config, maxAttempts: options.maxAttempts });
      })();
      this.clients.set(key, pending);
      // A failed creation must not be cached forever.
      pending.catch(() => this.clients.delete(key));
    }
    return pending;
  }

  private async baseConfig(service: ServiceId, region: string): Promise<BaseClientConfig> {
    const { connection, userAgent, maxAttempts, requestTimeoutMs } = this.options;
    return {
      region,
      credentials: await this.credentialProvider(),
      // Per region: an override may be a template with `{region}` (one VPC endpoint per region).
      endpoint: endpointFor(connection, service, region),
      profile: connection.profile,
      customUserAgent: userAgent,
      maxAttempts: maxAttempts ?? 3,
      retryMode: 'standard',
      requestHandler: { requestTimeout: requestTimeoutMs ?? 60_000, connectionTimeout: 10_000 },
    };
  }

  private async credentialProvider(): Promise<AwsCredentialIdentityProvider> {
    if (this.provider) return this.provider;
    const { connection, shared, userAgent } = this.options;
    const chain = createCredentialChain({ sdk: await loadSdk(), connection, shared, userAgent });
    const profile = connection.profile;
    this.provider = async (properties) => {
      if (profile !== undefined && !shared.profiles.has(profile)) {
        throw new UnknownProfileError(profile, shared.configPath, shared.credentialsPath);
      }
      return chain(properties);
    };
    return this.provider;
  }
}

interface BaseClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint: string | undefined;
  profile: string | undefined;
  customUserAgent: string;
  maxAttempts: number;
  retryMode: 'standard';
  requestHandler: { requestTimeout: number; connectionTimeout: number };
}
