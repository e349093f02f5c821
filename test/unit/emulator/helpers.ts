import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { PricingClient } from '@aws-sdk/client-pricing';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { STSClient } from '@aws-sdk/client-sts';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../emulator/index';

// The SDK's notice about future Node versions is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface ClientOptions {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts per call; 1 (no retries) unless a test is about retries. */
  maxAttempts?: number;
}

export interface Clients {
  sagemaker: SageMakerClient;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  sts: STSClient;
  runtime: SageMakerRuntimeClient;
  pricing: PricingClient;
}

/** Real SDK clients pointed at the local service. */
export function clientsFor(emulator: Emulator, o: ClientOptions = {}): Clients {
  const config = {
    endpoint: emulator.url,
    region: o.region ?? 'us-east-1',
    credentials: o.credentials ?? emulator.credentials,
    maxAttempts: o.maxAttempts ?? 1,
  };
  return {
    sagemaker: new SageMakerClient(config),
    logs: new CloudWatchLogsClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sts: new STSClient(config),
    runtime: new SageMakerRuntimeClient(config),
    pricing: new PricingClient({ ...config, region: o.region ?? 'us-east-1' }),
  };
}

/** Starts a service whose every JSON answer is checked against botocore's output shapes. */
export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ validateResponses: true, seed: 7, ...options });
}

/**
 * Puts a small object under each `s3://bucket/prefix`: AWS refuses a job whose input prefix
 * holds nothing, so tests that create jobs put their data first.
 */
export async function putInputData(emulator: Emulator, uris: readonly string[]): Promise<void> {
  const { s3 } = clientsFor(emulator);
  for (const uri of uris) {
    const [, bucket, prefix] = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
    const key = prefix!.endsWith('.csv') ? prefix! : `${prefix!.replace(/\/$/, '')}/data.csv`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '0,1.5,2\n1,9.1,0\n' }));
  }
}

/** The error a call rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ROLE = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240312T101500';
export const XGB_IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

/** SHA-256 (and HMAC) in the shape the SDK's signer takes, from node:crypto. */
export class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly key: string | Buffer | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.key = secret === undefined || typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : Buffer.from(secret);
    this.hash = this.key !== undefined ? createHmac('sha256', this.key) : createHash('sha256');
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.key !== undefined ? createHmac('sha256', this.key) : createHash('sha256');
  }
}
