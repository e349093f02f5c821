import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { AwsClients } from '../../aws/clientFactory';
import { loadSdk } from '../../aws/loadSdk';
import { CancelledError, delay } from '../../util/cancellation';
import type { S3Location } from '../s3';

export interface UploadOptions {
  readonly signal?: AbortSignal;
  /** Bytes sent so far. */
  readonly onProgress?: (sentBytes: number) => void;
  /** Bytes per part (at least 5 MiB); parts in flight at once. Memory is about partSize × (queueSize + 1). */
  readonly partSize?: number;
  readonly queueSize?: number;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
}

export const defaultPartSize = 8 * 1024 * 1024;

/**
 * Uploads a stream with `@aws-sdk/lib-storage` (multipart, parts in parallel, a single PutObject
 * when it is small). A failed or cancelled upload leaves no parts behind: the multipart upload
 * is aborted, and aborted again if a part still in flight landed after the first abort.
 */
export async function uploadStream(clients: AwsClients, region: string, target: S3Location, body: Readable, options: UploadOptions = {}): Promise<void> {
  const sdk = await loadSdk();
  const client = await clients.s3(region);
  const upload = new sdk.Upload({
    client,
    params: { Bucket: target.bucket, Key: target.key, Body: body, ContentType: options.contentType, Metadata: options.metadata, ExpectedBucketOwner: target.expectedOwner },
    partSize: Math.max(options.partSize ?? defaultPartSize, 5 * 1024 * 1024),
    queueSize: options.queueSize ?? 4,
    // lib-storage's own abort would not say who must own the bucket: the abort below does it.
    leavePartsOnError: true,
  });
  upload.on('httpUploadProgress', (progress) => {
    if (progress.loaded !== undefined) options.onProgress?.(progress.loaded);
  });
  // Cancelling fails the body: lib-storage then waits for the parts in flight before done()
  // rejects, and the multipart upload is aborted here, so nothing is left when the caller hears of it.
  const onAbort = (): void => {
    body.destroy(new CancelledError());
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await upload.done();
  } catch (error) {
    body.destroy();
    const uploadId = (upload as unknown as { uploadId?: string }).uploadId;
    if (uploadId) await abortMultipartUpload(client, target, uploadId);
    if (options.signal?.aborted) throw new CancelledError();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Aborts a multipart upload until S3 says it is gone (parts in flight can outlive one abort). */
export async function abortMultipartUpload(client: S3Client, target: S3Location, uploadId: string): Promise<void> {
  const { s3 } = await loadSdk();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await client.send(new s3.AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId, ExpectedBucketOwner: target.expectedOwner }));
    } catch {
      // NoSuchUpload: already gone; anything else: the check below decides.
    }
    try {
      await client.send(new s3.ListPartsCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId, ExpectedBucketOwner: target.expectedOwner }));
    } catch {
      return; // NoSuchUpload: nothing is left.
    }
    await delay(250 * (attempt + 1));
  }
}

/** Multipart uploads still open under a key (for tests and for cleaning up after a crash). */
export async function openMultipartUploads(clients: AwsClients, region: string, target: S3Location): Promise<string[]> {
  const { s3 } = await loadSdk();
  const client = await clients.s3(region);
  const answer = await client.send(new s3.ListMultipartUploadsCommand({ Bucket: target.bucket, Prefix: target.key }));
  return (answer.Uploads ?? []).filter((upload) => upload.Key === target.key).map((upload) => upload.UploadId ?? '');
}
