import { PassThrough, pipeline } from 'node:stream';
import type { AwsClients } from '../../aws/clientFactory';
import type { S3Location } from '../s3';
import { listSourceFiles, type SourceListing } from './sourceFiles';
import { packTarGz, type PackProgress } from './tarGzip';
import { uploadStream } from './upload';

export interface SourceUploadOptions {
  readonly directory: string;
  /** The spec's Source.Exclude patterns. */
  readonly excludes?: readonly string[];
  /** What to pack, when the caller has listed it already (to show it before uploading). */
  readonly listing?: SourceListing;
  readonly target: S3Location;
  readonly signal?: AbortSignal;
  readonly onListed?: (listing: SourceListing) => void;
  readonly onProgress?: (progress: PackProgress & { sentBytes: number }) => void;
  readonly level?: number;
  readonly partSize?: number;
  readonly queueSize?: number;
}

export interface SourceUploadResult {
  readonly files: number;
  readonly bytes: number;
  readonly compressedBytes: number;
  readonly secretsLeftOut: readonly string[];
  readonly symlinksLeftOut: readonly string[];
}

/**
 * Packs a folder into `sourcedir.tar.gz` and uploads it as it is being written: no temporary
 * file, no whole-archive buffer.
 */
export async function uploadSourcePackage(clients: AwsClients, region: string, options: SourceUploadOptions): Promise<SourceUploadResult> {
  const listing = options.listing ?? (await listSourceFiles(options.directory, { excludes: options.excludes, signal: options.signal }));
  options.onListed?.(listing);
  let packed: PackProgress = { files: 0, bytes: 0, totalFiles: listing.files.length, totalBytes: listing.totalBytes };
  let sentBytes = 0;
  const pack = packTarGz(listing, {
    level: options.level,
    signal: options.signal,
    onProgress: (progress) => {
      packed = progress;
      options.onProgress?.({ ...progress, sentBytes });
    },
  });
  let compressedBytes = 0;
  const counted = new PassThrough({ highWaterMark: 256 * 1024 });
  counted.on('data', (chunk: Buffer) => {
    compressedBytes += chunk.length;
  });
  // Either side failing closes both, so the packer stops reading files.
  pipeline(pack.stream, counted, () => undefined);
  const uploaded = uploadStream(clients, region, options.target, counted, {
    signal: options.signal,
    contentType: 'application/gzip',
    partSize: options.partSize,
    queueSize: options.queueSize,
    onProgress: (sent) => {
      sentBytes = sent;
      options.onProgress?.({ ...packed, sentBytes });
    },
  });
  // Wait for both: a packing failure fails the upload too, which only settles once its parts are cleaned up.
  const [upload, packing] = await Promise.allSettled([uploaded, pack.done]);
  if (upload.status === 'rejected') throw upload.reason;
  if (packing.status === 'rejected') throw packing.reason;
  return {
    files: listing.files.length,
    bytes: listing.totalBytes,
    compressedBytes,
    secretsLeftOut: listing.secretsLeftOut,
    symlinksLeftOut: listing.symlinksLeftOut,
  };
}
