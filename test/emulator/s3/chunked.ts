import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AwsError } from '../core/errors';
import { EMPTY_SHA256, hmacHex } from '../http/sigv4';

export interface ChunkSigning {
  key: Buffer;
  amzDate: string;
  scope: string;
  /** The request's own signature, which the first chunk's signature chains from. */
  seedSignature: string;
}

const CRLF = Buffer.from('\r\n');

/**
 * Decodes an `aws-chunked` body (`<hex size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n<trailers>\r\n`)
 * into the object's bytes, checking each chunk's signature when the body is signed and
 * collecting the trailing headers (the `x-amz-checksum-*` a client computed while streaming).
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private buffer: Buffer = Buffer.alloc(0);
  private state: 'header' | 'data' | 'dataEnd' | 'trailer' | 'done' = 'header';
  private remaining = 0;
  private chunkSignature = '';
  private previousSignature: string;
  private chunkHash: Hash | undefined;
  private trailerLines: string[] = [];
  decodedLength = 0;

  constructor(private readonly signing?: ChunkSigning) {
    super();
    this.previousSignature = signing?.seedSignature ?? '';
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      this.parse();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.state !== 'done' && !(this.state === 'trailer' && this.buffer.length === 0)) {
      done(new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400));
      return;
    }
    done();
  }

  private parse(): void {
    for (;;) {
      if (this.state === 'header') {
        const end = this.buffer.indexOf(CRLF);
        if (end < 0) {
          if (this.buffer.length > 4096) throw new AwsError('InvalidRequest', 'Malformed aws-chunked chunk header', 400);
          return;
        }
        const line = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end + 2);
        const [size, ...ext] = line.split(';');
        this.remaining = parseInt(size ?? '', 16);
        if (!Number.isFinite(this.remaining) || this.remaining < 0) throw new AwsError('InvalidRequest', `Malformed aws-chunked chunk size: ${line}`, 400);
        this.chunkSignature = ext.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length) ?? '';
        this.chunkHash = this.signing ? createHash('sha256') : undefined;
        if (this.remaining === 0) {
          this.verifyChunk();
          this.state = 'trailer';
        } else {
          this.state = 'data';
        }
      } else if (this.state === 'data') {
        if (this.buffer.length === 0) return;
        const take = Math.min(this.remaining, this.buffer.length);
        const piece = this.buffer.subarray(0, take);
        this.buffer = this.buffer.subarray(take);
        this.remaining -= take;
        this.decodedLength += take;
        this.chunkHash?.update(piece);
        this.push(piece);
        if (this.remaining === 0) this.state = 'dataEnd';
      } else if (this.state === 'dataEnd') {
        if (this.buffer.length < 2) return;
        if (this.buffer[0] !== 13 || this.buffer[1] !== 10) throw new AwsError('InvalidRequest', 'Malformed aws-chunked body: missing CRLF after chunk data', 400);
        this.buffer = this.buffer.subarray(2);
        this.verifyChunk();
        this.state = 'header';
      } else if (this.state === 'trailer') {
        const end = this.buffer.indexOf(CRLF);
        if (end < 0) return;
        const line = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end + 2);
        if (line === '') {
          this.verifyTrailer();
          this.state = 'done';
          return;
        }
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'x-amz-trailer-signature') this.chunkSignature = value;
        else {
          this.trailers.set(name, value);
          this.trailerLines.push(`${name}:${value}`);
        }
      } else {
        this.buffer = Buffer.alloc(0);
        return;
      }
    }
  }

  private verifyChunk(): void {
    if (!this.signing) return;
    const toSign = [
      'AWS4-HMAC-SHA256-PAYLOAD',
      this.signing.amzDate,
      this.signing.scope,
      this.previousSignature,
      EMPTY_SHA256,
      this.chunkHash?.digest('hex') ?? EMPTY_SHA256,
    ].join('\n');
    const expected = hmacHex(this.signing.key, toSign);
    if (expected !== this.chunkSignature) {
      throw new AwsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);
    }
    this.previousSignature = expected;
  }

  private verifyTrailer(): void {
    if (!this.signing || this.trailerLines.length === 0 || !this.chunkSignature) return;
    const text = this.trailerLines.map((l) => `${l}\n`).join('');
    const toSign = ['AWS4-HMAC-SHA256-TRAILER', this.signing.amzDate, this.signing.scope, this.previousSignature, createHash('sha256').update(text).digest('hex')].join('\n');
    if (hmacHex(this.signing.key, toSign) !== this.chunkSignature) {
      throw new AwsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);
    }
  }
}
