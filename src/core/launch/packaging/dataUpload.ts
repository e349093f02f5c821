import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AwsClients } from '../../aws/clientFactory';
import { throwIfAborted } from '../../util/cancellation';
import { headObject, type S3Location } from '../s3';
import { listSourceFiles, type SourceFile } from './sourceFiles';
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
 * git-ignored); secrets and junk never go.
 */
export async function uploadFolder(
  clients: AwsClients,
  region: string,
  directory: string,
  prefix: S3Location,
  options: { signal?: AbortSignal; onProgress?: (progress: FolderUploadProgress) => void; concurrency?: number } = {},
): Promise<FolderUploadResult> {
  const listing = await listSourceFiles(directory, { gitignore: false, signal: options.signal });
  const client = await clients.s3(region);
  const base = prefix.key && !prefix.key.endsWith('/') ? `${prefix.key}/` : prefix.key;
  let files = 0;
  let uploaded = 0;
  let unchanged = 0;
  let uploadedBytes = 0;
  const queue = [...listing.files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      throwIfAborted(options.signal);
      const target = { bucket: prefix.bucket, key: base + file.path };
      const md5 = await fileMd5(file, options.signal);
      const existing = await headObject(client, target, options.signal);
      if (existing && existing.size === file.size && (existing.metadata[md5Key] === md5 || existing.etag === md5)) {
        unchanged++;
      } else {
        await uploadStream(clients, region, target, createReadStream(file.absolute), { signal: options.signal, metadata: { [md5Key]: md5 } });
        uploaded++;
        uploadedBytes += file.size;
      }
      files++;
      options.onProgress?.({ files, totalFiles: listing.files.length, uploadedBytes });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return { uploaded, unchanged, bytes: uploadedBytes, secretsLeftOut: listing.secretsLeftOut };
}

async function fileMd5(file: SourceFile, signal?: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file.absolute, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    throwIfAborted(signal);
    hash.update(chunk);
  }
  return hash.digest('hex');
}
