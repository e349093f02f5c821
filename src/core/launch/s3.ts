import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
  /**
   * The account that must own the bucket: every request on it then carries
   * `ExpectedBucketOwner`, and S3 refuses it (403) when someone else owns the bucket.
   */
  readonly expectedOwner?: string;
}

/** `s3://bucket/some/key` -> { bucket, key: 'some/key' }. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`${uri} is not an s3:// URI.`);
  return { bucket: match[1]!, key: match[2]! };
}

/**
 * The account that must own a bucket named as SageMaker names its default bucket
 * (`sagemaker-<region>-<account>`): anyone can create a bucket of that name first, and code and
 * data must never go into a bucket another account owns.
 */
export function defaultBucketOwner(bucket: string): string | undefined {
  return /^sagemaker-[a-z]{2}(?:-[a-z]+)+-\d-(\d{12})$/.exec(bucket)?.[1];
}

/** Parses an S3 URI, with the owner a bucket named as a default bucket must have. */
export function ownedLocation(uri: string): S3Location {
  const location = parseS3Uri(uri);
  const expectedOwner = defaultBucketOwner(location.bucket);
  return expectedOwner ? { ...location, expectedOwner } : location;
}

export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

export type BucketState = 'exists' | 'missing' | 'forbidden';

export async function bucketState(clients: AwsClients, region: string, bucket: string, signal?: AbortSignal, expectedOwner?: string): Promise<BucketState> {
  const { s3 } = await loadSdk();
  const client = await clients.s3(region);
  try {
    await client.send(new s3.HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner }), { abortSignal: signal });
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
  await client.send(new s3.DeleteObjectCommand({ Bucket: location.bucket, Key: location.key, ExpectedBucketOwner: location.expectedOwner }));
}

export interface ObjectFacts {
  readonly size: number;
  readonly etag?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export async function headObject(client: S3Client, location: S3Location, signal?: AbortSignal): Promise<ObjectFacts | undefined> {
  const { s3 } = await loadSdk();
  try {
    const head = await client.send(new s3.HeadObjectCommand({ Bucket: location.bucket, Key: location.key, ExpectedBucketOwner: location.expectedOwner }), { abortSignal: signal });
    return { size: head.ContentLength ?? 0, etag: head.ETag?.replace(/"/g, ''), metadata: head.Metadata ?? {} };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || classifyAwsError(error).kind === 'notFound') return undefined;
    throw error;
  }
}
