import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { CancelledError } from '../../util/cancellation';
import { AdaptiveGzip } from './adaptiveGzip';
import { endOfArchive, fileHeader, padding } from './tar';
import type { SourceListing } from './sourceFiles';

export interface PackProgress {
  readonly files: number;
  readonly bytes: number;
  readonly totalFiles: number;
  readonly totalBytes: number;
}

export interface PackOptions {
  /** gzip level for compressible content (tar czf uses 6). */
  readonly level?: number;
  /** Store content that does not compress (archives, images, model weights) instead of deflating it again. */
  readonly adaptive?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PackProgress) => void;
}

export interface PackResult {
  readonly files: number;
  readonly bytes: number;
  /** Files that changed size while being read (their archived copy is cut or zero-padded). */
  readonly changedWhileReading: readonly string[];
}

export interface PackStream {
  /** The `.tar.gz` bytes; read it (upload it) to make packing progress. */
  readonly stream: Readable;
  /** Settles when every file has been written into the stream. */
  readonly done: Promise<PackResult>;
}

/** Below this size a file is compressed at whatever level is current (a switch costs a few bytes). */
const sampleSize = 64 * 1024;
const readChunk = 1024 * 1024;

/**
 * Streams `listing` as a gzip-compressed tar. Files are read one at a time in chunks, with
 * backpressure from whoever reads the stream, so memory stays flat whatever the folder's size.
 */
export function packTarGz(listing: SourceListing, options: PackOptions = {}): PackStream {
  const gzip = new AdaptiveGzip(options.signal);
  const done = produce(gzip, listing, options).then(
    async (result) => {
      await gzip.end();
      return result;
    },
    (error: unknown) => {
      gzip.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    },
  );
  // Callers learn of failures through the stream too; keep this promise from being unhandled.
  done.catch(() => undefined);
  return { stream: gzip.output, done };
}

async function produce(gzip: AdaptiveGzip, listing: SourceListing, options: PackOptions): Promise<PackResult> {
  const compressLevel = options.level ?? 6;
  let level = compressLevel;
  let files = 0;
  let bytes = 0;
  const changedWhileReading: string[] = [];
  const report = (): void => options.onProgress?.({ files, bytes, totalFiles: listing.files.length, totalBytes: listing.totalBytes });

  for (const file of listing.files) {
    if (options.signal?.aborted) throw new CancelledError();
    await gzip.write(fileHeader(file), level);
    let remaining = file.size;
    if (remaining > 0) {
      const stream = createReadStream(file.absolute, { highWaterMark: readChunk, start: 0, end: file.size - 1 });
      try {
        let first = true;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          if (first && options.adaptive !== false && file.size >= sampleSize) level = compresses(chunk.subarray(0, sampleSize)) ? compressLevel : 0;
          first = false;
          const part = chunk.length > remaining ? chunk.subarray(0, remaining) : chunk;
          remaining -= part.length;
          bytes += part.length;
          await gzip.write(part, level);
          report();
          if (remaining === 0) break;
        }
      } finally {
        stream.destroy();
      }
    }
    if (remaining > 0) {
      changedWhileReading.push(file.path);
      await gzip.write(Buffer.alloc(remaining), level);
    }
    const pad = padding(file.size);
    if (pad) await gzip.write(Buffer.alloc(pad), level);
    files++;
    report();
  }
  await gzip.write(endOfArchive(), level);
  return { files, bytes, changedWhileReading };
}

/** Whether deflate gains anything on a sample: already-compressed data shrinks by under 5%. */
export function compresses(sample: Buffer): boolean {
  if (sample.length === 0) return true;
  const deflated = deflateRawSync(sample, { level: 1 });
  return deflated.length < sample.length * 0.95;
}
