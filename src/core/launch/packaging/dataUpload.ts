import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AwsClients } from '../../aws/clientFactory';
import { CancelledError, throwIfAborted } from '../../util/cancellation';
import { deleteObject, headObject, type S3Location } from '../s3';
import { listSourceFiles, type SourceFile, type SourceListing } from './sourceFiles';
import { uploadStream } from './upload';

export interface FolderUploadProgress {
  readonly files: number;
  readonly totalFiles: number;
  readonly uploadedBytes: number;
}

export interface FolderUploadResult {
  readonly uploaded: number;
  readonly unchanged: number;
  readonly bytes: number;
  readonly secretsLeftOut: readonly string[];
}

/** Metadata key holding the MD5 of what was uploaded, so a later launch can skip unchanged files. */
const md5Key = 'content-md5-hex';

/**
 * Copies a local data folder (a channel's LocalPath) under an S3 prefix, skipping files whose
 * copy there is already the same. `.gitignore` does not apply (data folders are usually
 * git-ignored); secrets and junk never go. The first failure stops every other file at once
 * (one abort signal), and the objects this call created are deleted again: a failed upload
 * leaves the prefix as it found it, apart from files it had to replace.
 */
export async function uploadFolder(
  clients: AwsClients,
  region: string,
  directory: string,
  prefix: S3Location,
  options: { signal?: AbortSignal; onProgress?: (progress: FolderUploadProgress) => void; concurrency?: number; listing?: SourceListing } = {},
): Promise<FolderUploadResult> {
  const listing = options.listing ?? (await listSourceFiles(directory, { gitignore: false, signal: options.signal }));
  const client = await clients.s3(region);
  const base = prefix.key && !prefix.key.endsWith('/') ? `${prefix.key}/` : prefix.key;
  // One signal for every worker: the caller's cancel or the first failure stops them all.
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort();
  if (options.signal?.aborted) stop.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = stop.signal;
  let files = 0;
  let uploaded = 0;
  let unchanged = 0;
  let uploadedBytes = 0;
  const created: S3Location[] = [];
  const queue = [...listing.files];
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      throwIfAborted(signal);
      const target: S3Location = { ...prefix, key: base + file.path };
      const md5 = await fileMd5(file, signal);
      const existing = await headObject(client, target, signal);
      if (existing && existing.size === file.size && (existing.metadata[md5Key] === md5 || existing.etag === md5)) {
        unchanged++;
      } else {
        // Counted before it lands: a cancelled PUT may still have been stored.
        if (!existing) created.push(target);
        await uploadStream(clients, region, target, createReadStream(file.absolute), { signal, metadata: { [md5Key]: md5 } });
        uploaded++;
        uploadedBytes += file.size;
      }
      files++;
      options.onProgress?.({ files, totalFiles: listing.files.length, uploadedBytes });
    }
  };
  const guarded = async (): Promise<void> => {
    try {
      await worker();
    } catch (error) {
      failure ??= { error };
      stop.abort();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, guarded));
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (failure) {
    await deleteCreated(clients, region, created);
    throw options.signal?.aborted ? new CancelledError() : failure.error;
  }
  return { uploaded, unchanged, bytes: uploadedBytes, secretsLeftOut: listing.secretsLeftOut };
}

/** Deletes what a failed upload created (a missing object is fine: its PUT never landed). */
async function deleteCreated(clients: AwsClients, region: string, created: readonly S3Location[]): Promise<void> {
  const pending = [...created];
  const worker = async (): Promise<void> => {
    for (let target = pending.shift(); target; target = pending.shift()) await deleteObject(clients, region, target).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function fileMd5(file: SourceFile, signal?: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file.absolute, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    throwIfAborted(signal);
    hash.update(chunk);
  }
  return hash.digest('hex');
}
