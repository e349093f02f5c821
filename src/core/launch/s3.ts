import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/** `s3://bucket/some/key` -> { bucket, key: 'some/key' }. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`${uri} is not an s3:// URI.`);
  return { bucket: match[1]!, key: match[2]! };
}

export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

export type BucketState = 'exists' | 'missing' | 'forbidden';

export async function bucketState(clients: AwsClients, region: string, bucket: string, signal?: AbortSignal): Promise<BucketState> {
  const { s3 } = await loadSdk();
  const client = await clients.s3(region);
  try {
    await client.send(new s3.HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
    return 'exists';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const kind = classifyAwsError(error).kind;
    if (status === 404 || kind === 'notFound') return 'missing';
    if (status === 403 || kind === 'accessDenied') return 'forbidden';
    throw error;
  }
}

/** Creates a bucket in `region` (us-east-1 takes no location constraint). */
export async function createBucket(clients: AwsClients, region: string, bucket: string, signal?: AbortSignal): Promise<void> {
  const { s3 } = await loadSdk();
  const client = await clients.s3(region);
  try {
    await client.send(
      new s3.CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    // Another window (or the SDK elsewhere) created it first: that is what we wanted.
    if ((error as { name?: string }).name === 'BucketAlreadyOwnedByYou') return;
    throw error;
  }
}

export async function deleteObject(clients: AwsClients, region: string, location: S3Location): Promise<void> {
  const { s3 } = await loadSdk();
  const client = await clients.s3(region);
  await client.send(new s3.DeleteObjectCommand({ Bucket: location.bucket, Key: location.key }));
}

export interface ObjectFacts {
  readonly size: number;
  readonly etag?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export async function headObject(client: S3Client, location: S3Location, signal?: AbortSignal): Promise<ObjectFacts | undefined> {
  const { s3 } = await loadSdk();
  try {
    const head = await client.send(new s3.HeadObjectCommand({ Bucket: location.bucket, Key: location.key }), { abortSignal: signal });
    return { size: head.ContentLength ?? 0, etag: head.ETag?.replace(/"/g, ''), metadata: head.Metadata ?? {} };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || classifyAwsError(error).kind === 'notFound') return undefined;
    throw error;
  }
}
