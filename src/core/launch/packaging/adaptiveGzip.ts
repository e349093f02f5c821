import { PassThrough } from 'node:stream';
import * as zlib from 'node:zlib';
import { CancelledError } from '../../util/cancellation';

/**
 * A gzip writer whose compression level can change between chunks: content that does not
 * compress (archives, images, model weights) is stored, the rest deflated. It writes one
 * ordinary gzip member: each run of one level is a separate raw-deflate stream ended with a
 * sync flush (byte-aligned, non-final blocks, no back-references across runs), concatenated,
 * then a final empty block and the gzip trailer. (zlib's own params() cannot be used: a stream
 * destroyed while its params flush is pending aborts the process.)
 */
export class AdaptiveGzip {
  /** The `.gz` bytes. */
  readonly output = new PassThrough({ highWaterMark: 256 * 1024 });
  private segment: { level: number; stream: zlib.DeflateRaw; ended: Promise<void> } | undefined;
  private crc = 0;
  private size = 0;
  private started = false;

  constructor(private readonly signal?: AbortSignal) {
    // The reader went away (an upload failed): stop the run in progress so nothing waits forever.
    this.output.once('close', () => this.segment?.stream.destroy());
  }

  /** Compresses `chunk` at `level` (0 stores), waiting while the reader is behind. */
  async write(chunk: Buffer, level: number): Promise<void> {
    this.check();
    if (!this.started) {
      this.started = true;
      await this.push(header());
    }
    if (this.segment && this.segment.level !== level) await this.closeSegment();
    this.segment ??= this.openSegment(level);
    this.crc = crc32(chunk, this.crc);
    this.size = (this.size + chunk.length) % 2 ** 32;
    if (!this.segment.stream.write(chunk)) await waitFor(this.segment.stream, 'drain', this.signal);
  }

  /** Ends the member: the last run, a final empty block, CRC-32 and size. */
  async end(): Promise<void> {
    this.check();
    if (!this.started) await this.push(header());
    await this.closeSegment();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.size >>> 0, 4);
    // 0x03 0x00: a final, empty block with fixed Huffman codes.
    await this.push(Buffer.concat([Buffer.from([0x03, 0x00]), trailer]));
    this.output.end();
  }

  destroy(error?: Error): void {
    this.segment?.stream.destroy();
    this.segment = undefined;
    this.output.destroy(error);
  }

  private openSegment(level: number): { level: number; stream: zlib.DeflateRaw; ended: Promise<void> } {
    const stream = zlib.createDeflateRaw({ level, chunkSize: 256 * 1024, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    stream.on('data', (chunk: Buffer) => {
      if (!this.output.write(chunk)) {
        stream.pause();
        this.output.once('drain', () => stream.resume());
      }
    });
    const ended = new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
      stream.once('close', () => reject(new CancelledError('The package stream was closed.')));
    });
    ended.catch(() => undefined);
    return { level, stream, ended };
  }

  private async closeSegment(): Promise<void> {
    const segment = this.segment;
    if (!segment) return;
    this.segment = undefined;
    segment.stream.end();
    await segment.ended;
  }

  private async push(bytes: Buffer): Promise<void> {
    if (!this.output.write(bytes)) await waitFor(this.output, 'drain', this.signal);
  }

  private check(): void {
    if (this.signal?.aborted) throw new CancelledError();
    if (this.output.destroyed) throw new CancelledError('The package stream was closed.');
  }
}

function header(): Buffer {
  // Magic, deflate, no flags, no mtime (reproducible), no extra flags, OS unknown.
  return Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
}

/** zlib.crc32 (Node 20.15+, 22.2+); a table-driven one where the runtime lacks it. */
const crc32: (data: Buffer, previous: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data, previous) => (zlib as unknown as { crc32(data: Buffer, value: number): number }).crc32(data, previous)
    : tableCrc32;

let table: Uint32Array | undefined;

function tableCrc32(data: Buffer, previous: number): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Waits for `event`, failing if the stream closes or errors first, or the signal aborts. */
function waitFor(stream: NodeJS.EventEmitter & { destroyed?: boolean }, event: string, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off(event, onEvent);
      stream.off('close', onClose);
      stream.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onEvent = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      reject(new CancelledError('The package stream was closed.'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onAbort = (): void => {
      cleanup();
      reject(new CancelledError());
    };
    stream.on(event, onEvent);
    stream.on('close', onClose);
    stream.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
