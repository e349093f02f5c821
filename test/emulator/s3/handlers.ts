import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsError } from '../core/errors';
import { xmlEscape } from '../http/protocols';
import { AwsChunkedDecoder, type ChunkSigning } from './chunked';
import { type Checksum, type ChecksumAlgorithm, CHECKSUM_ALGORITHMS, createChecksum, isChecksumAlgorithm } from './checksums';
import { type Bucket, lowerBoundKey, type MultipartUpload, removeFile, type S3Object, type S3Store, type StoredChecksum } from './store';

export interface S3Target {
  operation: string;
  bucket?: string;
  key?: string;
  /** What the request log shows as input. */
  input: Record<string, unknown>;
}

export interface S3Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  target: S3Target;
  region: string;
  accountId: string;
  requestId: string;
  now: number;
  store: S3Store;
  /** Value of x-amz-content-sha256 (or UNSIGNED-PAYLOAD for presigned URLs). */
  payloadHash: string;
  signing?: ChunkSigning;
}

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const MIN_PART = 5 * 1024 * 1024;

/** IAM action names of the S3 operations, for access rules and AccessDenied messages. */
export const S3_IAM_ACTIONS: Record<string, string> = {
  ListBuckets: 'ListAllMyBuckets', CreateBucket: 'CreateBucket', HeadBucket: 'ListBucket', DeleteBucket: 'DeleteBucket',
  GetBucketLocation: 'GetBucketLocation', GetBucketVersioning: 'GetBucketVersioning', ListObjectsV2: 'ListBucket', ListObjects: 'ListBucket',
  ListMultipartUploads: 'ListBucketMultipartUploads', DeleteObjects: 'DeleteObject', PutObject: 'PutObject', CopyObject: 'PutObject',
  UploadPart: 'PutObject', UploadPartCopy: 'PutObject', CreateMultipartUpload: 'PutObject', CompleteMultipartUpload: 'PutObject',
  AbortMultipartUpload: 'AbortMultipartUpload', ListParts: 'ListMultipartUploadParts', GetObject: 'GetObject', HeadObject: 'GetObject',
  DeleteObject: 'DeleteObject',
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Works out the S3 operation from method, path-style path and query. */
export function s3TargetOf(method: string, rawPath: string, query: URLSearchParams, headers: IncomingMessage['headers']): S3Target {
  const path = rawPath.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  const bucket = path ? safeDecode(slash < 0 ? path : path.slice(0, slash)) : undefined;
  const keyRaw = slash < 0 ? '' : path.slice(slash + 1);
  const key = keyRaw ? safeDecode(keyRaw) : undefined;
  const q = (name: string): boolean => query.has(name);
  const input: Record<string, unknown> = {};
  if (bucket) input.Bucket = bucket;
  if (key) input.Key = key;
  for (const [k, v] of query) if (!k.startsWith('X-Amz-') && k !== 'x-id') input[k] = v;
  let operation = 'Unknown';
  if (!bucket) operation = method === 'GET' ? 'ListBuckets' : 'Unknown';
  else if (!key) {
    if (method === 'PUT') operation = query.size === 0 || (query.size === 1 && q('x-id')) ? 'CreateBucket' : 'Unknown';
    else if (method === 'HEAD') operation = 'HeadBucket';
    else if (method === 'DELETE') operation = query.size === 0 ? 'DeleteBucket' : 'Unknown';
    else if (method === 'POST') operation = q('delete') ? 'DeleteObjects' : 'Unknown';
    else if (method === 'GET') {
      if (q('location')) operation = 'GetBucketLocation';
      else if (q('versioning')) operation = 'GetBucketVersioning';
      else if (q('uploads')) operation = 'ListMultipartUploads';
      else if (query.get('list-type') === '2') operation = 'ListObjectsV2';
      else if ([...query.keys()].every((k) => ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type', 'x-id'].includes(k))) operation = 'ListObjects';
    }
  } else {
    const copy = headers['x-amz-copy-source'] !== undefined;
    if (method === 'PUT') operation = q('uploadId') && q('partNumber') ? (copy ? 'UploadPartCopy' : 'UploadPart') : copy ? 'CopyObject' : [...query.keys()].every((k) => k === 'x-id') ? 'PutObject' : 'Unknown';
    else if (method === 'GET') operation = q('uploadId') ? 'ListParts' : [...query.keys()].some((k) => ['tagging', 'acl', 'torrent', 'retention', 'legal-hold', 'attributes'].includes(k)) ? 'Unknown' : 'GetObject';
    else if (method === 'HEAD') operation = 'HeadObject';
    else if (method === 'DELETE') operation = q('uploadId') ? 'AbortMultipartUpload' : q('tagging') ? 'Unknown' : 'DeleteObject';
    else if (method === 'POST') operation = q('uploads') ? 'CreateMultipartUpload' : q('uploadId') ? 'CompleteMultipartUpload' : 'Unknown';
  }
  if (input.Key === undefined && key === undefined && operation === 'Unknown' && bucket) input.Bucket = bucket;
  return { operation, bucket, key, input };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

const iso = (ms: number): string => new Date(ms).toISOString();
const httpDate = (ms: number): string => new Date(ms).toUTCString();

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string): void {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (body !== undefined) {
    res.setHeader('content-type', 'application/xml');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
  } else {
    if (!res.hasHeader('content-length')) res.setHeader('content-length', 0);
    res.end();
  }
}

const xml = (root: string, inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">${inner}</${root}>`;
const el = (name: string, value: string | number | boolean | undefined): string => (value === undefined ? '' : `<${name}>${xmlEscape(String(value))}</${name}>`);

const noSuchBucket = (name: string): AwsError => new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
const noSuchKey = (key: string): AwsError => new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
const noSuchUpload = (id: string): AwsError =>
  new AwsError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: id });

function bucketOf(call: S3Call): Bucket {
  const name = call.target.bucket!;
  const bucket = call.store.buckets.get(name);
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}

function ownerXml(accountId: string): string {
  return `<Owner><ID>${createHash('sha256').update(accountId).digest('hex')}</ID><DisplayName>account-${accountId}</DisplayName></Owner>`;
}

/** Reads a small request body (XML documents). */
async function readSmall(req: IncomingMessage, decoder?: AwsChunkedDecoder): Promise<string> {
  const chunks: Buffer[] = [];
  const source = decoder ? req.pipe(decoder) : req;
  for await (const chunk of source) {
    chunks.push(chunk as Buffer);
    if (chunks.reduce((n, c) => n + c.length, 0) > 10 * 1024 * 1024) throw new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', 400);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isChunked = (call: S3Call): boolean =>
  call.payloadHash.startsWith('STREAMING-') || (header(call.req, 'content-encoding') ?? '').split(',').map((s) => s.trim()).includes('aws-chunked');

function decoderFor(call: S3Call): AwsChunkedDecoder | undefined {
  if (!isChunked(call)) return undefined;
  const signed = call.payloadHash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  return new AwsChunkedDecoder(signed ? call.signing : undefined);
}

/** Hashes what passes through. */
class Tap extends Transform {
  size = 0;
  constructor(private readonly sinks: Checksum[]) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    for (const s of this.sinks) s.update(chunk);
    done(null, chunk);
  }
}

interface Received {
  file: string;
  size: number;
  md5: Buffer;
  checksum?: StoredChecksum;
}

/**
 * Streams a request body to a file (never whole in memory), decoding aws-chunked framing and
 * verifying what the client declared: Content-MD5, x-amz-content-sha256, and the flexible
 * checksum sent as a header or as a trailer.
 */
async function receiveBody(call: S3Call, algorithmHint?: ChecksumAlgorithm): Promise<Received> {
  const { req } = call;
  const decoder = decoderFor(call);
  const md5 = createChecksum('md5');
  const sinks: Checksum[] = [md5];
  const hexPayload = /^[0-9a-f]{64}$/.test(call.payloadHash) ? createChecksum('sha256') : undefined;
  if (hexPayload) sinks.push(hexPayload);
  const trailerName = (header(req, 'x-amz-trailer') ?? '').toLowerCase().trim();
  const declared = CHECKSUM_ALGORITHMS.find((a) => header(req, `x-amz-checksum-${a}`) !== undefined);
  const fromTrailer = trailerName.startsWith('x-amz-checksum-') ? trailerName.slice('x-amz-checksum-'.length) : undefined;
  const sdkAlgorithm = (header(req, 'x-amz-sdk-checksum-algorithm') ?? '').toLowerCase();
  const algorithm = declared ?? (fromTrailer && isChecksumAlgorithm(fromTrailer) ? fromTrailer : undefined) ?? (isChecksumAlgorithm(sdkAlgorithm) ? sdkAlgorithm : undefined) ?? algorithmHint;
  const checksum = algorithm ? createChecksum(algorithm) : undefined;
  if (checksum) sinks.push(checksum);
  const tap = new Tap(sinks);
  const file = call.store.incomingFile();
  try {
    if (decoder) await pipeline(req, decoder, tap, createWriteStream(file));
    else await pipeline(req, tap, createWriteStream(file));
    const contentMd5 = header(req, 'content-md5');
    if (contentMd5 !== undefined && contentMd5 !== md5.digest()) {
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    }
    if (hexPayload && hexPayload.raw().toString('hex') !== call.payloadHash) {
      throw new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
    }
    const decodedLength = header(req, 'x-amz-decoded-content-length');
    if (decoder && decodedLength !== undefined && Number(decodedLength) !== tap.size) {
      throw new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);
    }
    let stored: StoredChecksum | undefined;
    if (checksum && algorithm) {
      const expected = header(req, `x-amz-checksum-${algorithm}`) ?? decoder?.trailers.get(`x-amz-checksum-${algorithm}`);
      const actual = checksum.digest();
      if (expected !== undefined && expected !== actual) {
        throw new AwsError('BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`, 400);
      }
      stored = { algorithm, value: actual };
    }
    return { file, size: tap.size, md5: md5.raw(), checksum: stored };
  } catch (err) {
    removeFile(file);
    throw err;
  }
}

function metadataOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('x-amz-meta-') && typeof v === 'string') out[k.slice('x-amz-meta-'.length)] = v;
  return out;
}

function storedEncoding(req: IncomingMessage): string | undefined {
  const parts = (header(req, 'content-encoding') ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked');
  return parts.length ? parts.join(',') : undefined;
}

function checksumHeaders(c: StoredChecksum | undefined): Record<string, string> {
  return c ? { [`x-amz-checksum-${c.algorithm}`]: c.value, 'x-amz-checksum-type': c.value.includes('-') ? 'COMPOSITE' : 'FULL_OBJECT' } : {};
}

function objectHeaders(obj: S3Object, withChecksum: boolean): Record<string, string | number> {
  const h: Record<string, string | number> = {
    'content-type': obj.contentType,
    etag: obj.etag,
    'last-modified': httpDate(obj.lastModified),
    'accept-ranges': 'bytes',
    ...(withChecksum ? checksumHeaders(obj.checksum) : {}),
  };
  if (obj.contentEncoding) h['content-encoding'] = obj.contentEncoding;
  if (obj.contentDisposition) h['content-disposition'] = obj.contentDisposition;
  if (obj.cacheControl) h['cache-control'] = obj.cacheControl;
  if (obj.parts) h['x-amz-mp-parts-count'] = obj.parts;
  for (const [k, v] of Object.entries(obj.metadata)) h[`x-amz-meta-${k}`] = v;
  return h;
}

function validBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !/\.\./.test(name) && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

// ---------------------------------------------------------------- operations

async function createBucket(call: S3Call): Promise<void> {
  const name = call.target.bucket!;
  const body = await readSmall(call.req, decoderFor(call));
  const constraint = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(body)?.[1];
  if (!validBucketName(name)) throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  const wanted = constraint || 'us-east-1';
  if (wanted !== call.region) {
    throw new AwsError('IllegalLocationConstraintException', `The ${constraint ? `${constraint} location constraint` : 'unspecified location constraint'} is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  const existing = call.store.buckets.get(name);
  if (existing) {
    if (existing.owner !== call.accountId) throw new AwsError('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName: name });
    if (existing.region !== 'us-east-1') throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
  } else {
    call.store.createBucket(name, wanted, call.accountId, call.now);
  }
  send(call.res, 200, { location: `/${name}` });
}

function headBucket(call: S3Call): void {
  const bucket = bucketOf(call);
  send(call.res, 200, { 'x-amz-bucket-region': bucket.region });
}

function deleteBucket(call: S3Call): void {
  const bucket = bucketOf(call);
  if (bucket.objects.size > 0) throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket.name });
  call.store.buckets.delete(bucket.name);
  send(call.res, 204, {});
}

function listBuckets(call: S3Call): void {
  const mine = [...call.store.buckets.values()].filter((b) => b.owner === call.accountId).sort((a, b) => (a.name < b.name ? -1 : 1));
  const inner = `${ownerXml(call.accountId)}<Buckets>${mine.map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', iso(b.creationDate))}${el('BucketRegion', b.region)}</Bucket>`).join('')}</Buckets>`;
  send(call.res, 200, {}, xml('ListAllMyBucketsResult', inner));
}

function getBucketLocation(call: S3Call): void {
  const bucket = bucketOf(call);
  // us-east-1 buckets answer an empty constraint, as S3 does.
  send(call.res, 200, {}, xml('LocationConstraint', '').replace('></LocationConstraint>', `>${bucket.region === 'us-east-1' ? '' : bucket.region}</LocationConstraint>`));
}

function getBucketVersioning(call: S3Call): void {
  bucketOf(call);
  send(call.res, 200, {}, xml('VersioningConfiguration', ''));
}

interface ListState {
  contents: S3Object[];
  prefixes: string[];
  truncated: boolean;
  /** Last key or prefix returned, where the next page starts after. */
  last?: string;
}

function walk(bucket: Bucket, prefix: string, delimiter: string, after: string, maxKeys: number): ListState {
  const out: ListState = { contents: [], prefixes: [], truncated: false };
  let i = lowerBoundKey(bucket.keys, after > prefix ? after : prefix);
  if (bucket.keys[i] === after) i++;
  while (i < bucket.keys.length) {
    const key = bucket.keys[i]!;
    if (!key.startsWith(prefix)) break;
    if (out.contents.length + out.prefixes.length >= maxKeys) {
      out.truncated = true;
      break;
    }
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter.length);
      out.prefixes.push(common);
      out.last = common;
      // Skip every key under this common prefix.
      i = lowerBoundKey(bucket.keys, `${common}\u{10FFFF}`);
      continue;
    }
    out.contents.push(bucket.objects.get(key)!);
    out.last = key;
    i++;
  }
  return out;
}

function listObjects(call: S3Call, v2: boolean): void {
  const bucket = bucketOf(call);
  const q = call.url.searchParams;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const maxKeys = Math.min(Math.max(Number(q.get('max-keys') ?? 1000), 0), 1000);
  const encode = q.get('encoding-type') === 'url';
  const enc = (s: string): string => (encode ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
  let after = '';
  if (v2) {
    const token = q.get('continuation-token');
    if (token) {
      try {
        after = Buffer.from(token, 'base64').toString('utf8');
      } catch {
        throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400);
      }
    }
    const startAfter = q.get('start-after') ?? '';
    if (startAfter > after) after = startAfter;
  } else {
    after = q.get('marker') ?? '';
  }
  const page = walk(bucket, prefix, delimiter, after, maxKeys);
  const owner = v2 && q.get('fetch-owner') !== 'true' ? '' : ownerXml(bucket.owner);
  const contents = page.contents
    .map((o) => `<Contents>${el('Key', enc(o.key))}${el('LastModified', iso(o.lastModified))}${el('ETag', o.etag)}${o.checksum ? el('ChecksumAlgorithm', o.checksum.algorithm.toUpperCase()) : ''}${el('Size', o.size)}${owner}${el('StorageClass', 'STANDARD')}</Contents>`)
    .join('');
  const prefixes = page.prefixes.map((p) => `<CommonPrefixes>${el('Prefix', enc(p))}</CommonPrefixes>`).join('');
  let inner = `${el('Name', bucket.name)}${el('Prefix', enc(prefix))}`;
  if (v2) {
    const token = q.get('continuation-token');
    inner += `${token ? el('ContinuationToken', token) : ''}${q.get('start-after') ? el('StartAfter', enc(q.get('start-after')!)) : ''}${el('KeyCount', page.contents.length + page.prefixes.length)}`;
    inner += `${el('MaxKeys', maxKeys)}${delimiter ? el('Delimiter', enc(delimiter)) : ''}${encode ? el('EncodingType', 'url') : ''}${el('IsTruncated', page.truncated)}`;
    if (page.truncated && page.last) inner += el('NextContinuationToken', Buffer.from(page.last).toString('base64'));
  } else {
    inner += `${el('Marker', enc(after))}${el('MaxKeys', maxKeys)}${delimiter ? el('Delimiter', enc(delimiter)) : ''}${encode ? el('EncodingType', 'url') : ''}${el('IsTruncated', page.truncated)}`;
    if (page.truncated && page.last) inner += el('NextMarker', enc(page.last));
  }
  send(call.res, 200, {}, xml('ListBucketResult', inner + contents + prefixes));
}

async function putObject(call: S3Call): Promise<void> {
  const bucket = bucketOf(call);
  const received = await receiveBody(call);
  const file = call.store.objectFile();
  renameSync(received.file, file);
  const obj: S3Object = {
    key: call.target.key!,
    size: received.size,
    etag: `"${received.md5.toString('hex')}"`,
    lastModified: call.now,
    file,
    contentType: header(call.req, 'content-type') ?? 'binary/octet-stream',
    contentEncoding: storedEncoding(call.req),
    contentDisposition: header(call.req, 'content-disposition'),
    cacheControl: header(call.req, 'cache-control'),
    metadata: metadataOf(call.req),
    checksum: received.checksum,
  };
  call.store.commit(bucket, obj);
  send(call.res, 200, { etag: obj.etag, ...checksumHeaders(obj.checksum) });
}

function copySource(call: S3Call): { bucket: Bucket; obj: S3Object } {
  const raw = safeDecode(header(call.req, 'x-amz-copy-source') ?? '').replace(/^\//, '').split('?')[0]!;
  const slash = raw.indexOf('/');
  const bucketName = raw.slice(0, slash);
  const key = raw.slice(slash + 1);
  const bucket = call.store.buckets.get(bucketName);
  if (!bucket) throw noSuchBucket(bucketName);
  const obj = bucket.objects.get(key);
  if (!obj) throw noSuchKey(key);
  return { bucket, obj };
}

async function copyObject(call: S3Call): Promise<void> {
  const target = bucketOf(call);
  const { obj: source } = copySource(call);
  const file = call.store.objectFile();
  await pipeline(createReadStream(source.file), createWriteStream(file));
  const replace = header(call.req, 'x-amz-metadata-directive') === 'REPLACE';
  const obj: S3Object = {
    ...source,
    key: call.target.key!,
    file,
    lastModified: call.now,
    contentType: replace ? (header(call.req, 'content-type') ?? source.contentType) : source.contentType,
    metadata: replace ? metadataOf(call.req) : { ...source.metadata },
  };
  call.store.commit(target, obj);
  send(call.res, 200, {}, xml('CopyObjectResult', `${el('LastModified', iso(obj.lastModified))}${el('ETag', obj.etag)}`));
}

function parseRange(range: string | undefined, size: number): { start: number; end: number } | undefined | 'invalid' {
  if (!range) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

async function getObject(call: S3Call, head: boolean): Promise<void> {
  const bucket = bucketOf(call);
  const obj = bucket.objects.get(call.target.key!);
  if (!obj) {
    if (head) throw new AwsError('NotFound', 'Not Found', 404);
    throw noSuchKey(call.target.key!);
  }
  const ifMatch = header(call.req, 'if-match');
  if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((s) => s.trim()).includes(obj.etag)) {
    throw new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-Match' });
  }
  const ifNoneMatch = header(call.req, 'if-none-match');
  if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((s) => s.trim()).includes(obj.etag))) {
    send(call.res, 304, { etag: obj.etag });
    return;
  }
  const withChecksum = (header(call.req, 'x-amz-checksum-mode') ?? '').toUpperCase() === 'ENABLED';
  const range = parseRange(header(call.req, 'range'), obj.size);
  if (range === 'invalid') throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: header(call.req, 'range') ?? '' });
  const headers = objectHeaders(obj, withChecksum && !range);
  const res = call.res;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (range) {
    res.statusCode = 206;
    res.setHeader('content-range', `bytes ${range.start}-${range.end}/${obj.size}`);
    res.setHeader('content-length', range.end - range.start + 1);
  } else {
    res.statusCode = 200;
    res.setHeader('content-length', obj.size);
  }
  if (head) {
    res.end();
    return;
  }
  await pipeline(createReadStream(obj.file, range ? { start: range.start, end: range.end } : {}), res);
}

function deleteObject(call: S3Call): void {
  const bucket = bucketOf(call);
  call.store.deleteObject(bucket, call.target.key!);
  send(call.res, 204, {});
}

async function deleteObjects(call: S3Call): Promise<void> {
  const bucket = bucketOf(call);
  const body = await readSmall(call.req, decoderFor(call));
  const quiet = /<Quiet>true<\/Quiet>/.test(body);
  const keys = [...body.matchAll(/<Object>\s*<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1]!));
  for (const key of keys) call.store.deleteObject(bucket, key);
  const inner = quiet ? '' : keys.map((k) => `<Deleted>${el('Key', k)}</Deleted>`).join('');
  send(call.res, 200, {}, xml('DeleteResult', inner));
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' } as Record<string, string>)[name]!;
  });
}

// ---------------------------------------------------------------- multipart

function uploadOf(call: S3Call, bucket: Bucket): MultipartUpload {
  const id = call.url.searchParams.get('uploadId') ?? '';
  const upload = bucket.uploads.get(id);
  if (!upload || upload.key !== call.target.key) throw noSuchUpload(id);
  return upload;
}

function createMultipartUpload(call: S3Call): void {
  const bucket = bucketOf(call);
  const algorithmHeader = (header(call.req, 'x-amz-checksum-algorithm') ?? '').toLowerCase();
  const upload: MultipartUpload = {
    uploadId: randomBytes(32).toString('base64url'),
    key: call.target.key!,
    initiated: call.now,
    contentType: header(call.req, 'content-type') ?? 'binary/octet-stream',
    metadata: metadataOf(call.req),
    checksumAlgorithm: isChecksumAlgorithm(algorithmHeader) ? algorithmHeader : undefined,
    parts: new Map(),
    owner: call.accountId,
  };
  bucket.uploads.set(upload.uploadId, upload);
  const headers: Record<string, string> = upload.checksumAlgorithm ? { 'x-amz-checksum-algorithm': upload.checksumAlgorithm.toUpperCase() } : {};
  send(call.res, 200, headers, xml('InitiateMultipartUploadResult', `${el('Bucket', bucket.name)}${el('Key', upload.key)}${el('UploadId', upload.uploadId)}`));
}

async function uploadPart(call: S3Call): Promise<void> {
  const bucket = bucketOf(call);
  const upload = uploadOf(call, bucket);
  const partNumber = Number(call.url.searchParams.get('partNumber'));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400);
  }
  const received = await receiveBody(call, upload.checksumAlgorithm);
  const previous = upload.parts.get(partNumber);
  if (previous) removeFile(previous.file);
  const part = { partNumber, size: received.size, etag: `"${received.md5.toString('hex')}"`, file: received.file, lastModified: call.now, checksum: received.checksum };
  upload.parts.set(partNumber, part);
  send(call.res, 200, { etag: part.etag, ...checksumHeaders(part.checksum) });
}

async function completeMultipartUpload(call: S3Call): Promise<void> {
  const bucket = bucketOf(call);
  const upload = uploadOf(call, bucket);
  const body = await readSmall(call.req, decoderFor(call));
  const listed = [...body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
    partNumber: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(m[1]!)?.[1]),
    etag: unescapeXml(/<ETag>([^<]*)<\/ETag>/.exec(m[1]!)?.[1] ?? ''),
  }));
  if (listed.length === 0) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  const parts = listed.map((l, i) => {
    if (i > 0 && l.partNumber <= listed[i - 1]!.partNumber) throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400);
    const part = upload.parts.get(l.partNumber);
    const quoted = l.etag.startsWith('"') ? l.etag : `"${l.etag}"`;
    if (!part || part.etag !== quoted) {
      throw new AwsError('InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.', 400, { PartNumber: String(l.partNumber) });
    }
    return part;
  });
  parts.slice(0, -1).forEach((p) => {
    if (p.size < MIN_PART) throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, { PartNumber: String(p.partNumber) });
  });
  const file = call.store.objectFile();
  await concatenate(parts.map((p) => p.file), file);
  const etagHash = createHash('md5');
  for (const p of parts) etagHash.update(Buffer.from(p.etag.replace(/"/g, ''), 'hex'));
  const etag = `"${etagHash.digest('hex')}-${parts.length}"`;
  let checksum: StoredChecksum | undefined;
  if (upload.checksumAlgorithm && parts.every((p) => p.checksum?.algorithm === upload.checksumAlgorithm)) {
    const composite = createChecksum(upload.checksumAlgorithm);
    for (const p of parts) composite.update(Buffer.from(p.checksum!.value, 'base64'));
    checksum = { algorithm: upload.checksumAlgorithm, value: `${composite.digest()}-${parts.length}` };
  }
  for (const p of upload.parts.values()) removeFile(p.file);
  bucket.uploads.delete(upload.uploadId);
  const obj: S3Object = {
    key: upload.key,
    size: parts.reduce((n, p) => n + p.size, 0),
    etag,
    lastModified: call.now,
    file,
    contentType: upload.contentType,
    metadata: upload.metadata,
    checksum,
    parts: parts.length,
  };
  call.store.commit(bucket, obj);
  const host = header(call.req, 'host') ?? 'localhost';
  const checksumXml = checksum ? el(`Checksum${checksum.algorithm.toUpperCase()}`, checksum.value) : '';
  send(call.res, 200, {}, xml('CompleteMultipartUploadResult', `${el('Location', `http://${host}/${bucket.name}/${encodeURIComponent(obj.key).replace(/%2F/g, '/')}`)}${el('Bucket', bucket.name)}${el('Key', obj.key)}${el('ETag', etag)}${checksumXml}`));
}

/** Joins part files into one object file, streaming (a 200 MB object never sits in memory). */
async function concatenate(files: string[], target: string): Promise<void> {
  const out = createWriteStream(target);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const copy = async (): Promise<void> => {
    for (const f of files) {
      for await (const chunk of createReadStream(f)) {
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      }
    }
    await new Promise<void>((resolve) => out.end(resolve));
  };
  await Promise.race([copy(), failed]);
}

function abortMultipartUpload(call: S3Call): void {
  const bucket = bucketOf(call);
  const upload = uploadOf(call, bucket);
  for (const p of upload.parts.values()) removeFile(p.file);
  bucket.uploads.delete(upload.uploadId);
  send(call.res, 204, {});
}

function listMultipartUploads(call: S3Call): void {
  const bucket = bucketOf(call);
  const prefix = call.url.searchParams.get('prefix') ?? '';
  const uploads = [...bucket.uploads.values()].filter((u) => u.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated));
  const inner =
    `${el('Bucket', bucket.name)}${el('KeyMarker', '')}${el('UploadIdMarker', '')}${el('Prefix', prefix)}${el('MaxUploads', 1000)}${el('IsTruncated', false)}` +
    uploads.map((u) => `<Upload>${el('Key', u.key)}${el('UploadId', u.uploadId)}<Initiator><ID>${u.owner}</ID></Initiator>${ownerXml(u.owner)}${el('StorageClass', 'STANDARD')}${el('Initiated', iso(u.initiated))}</Upload>`).join('');
  send(call.res, 200, {}, xml('ListMultipartUploadsResult', inner));
}

function listParts(call: S3Call): void {
  const bucket = bucketOf(call);
  const upload = uploadOf(call, bucket);
  const marker = Number(call.url.searchParams.get('part-number-marker') ?? 0);
  const max = Math.min(Number(call.url.searchParams.get('max-parts') ?? 1000), 1000);
  const all = [...upload.parts.values()].filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, max);
  const truncated = all.length > max;
  const inner =
    `${el('Bucket', bucket.name)}${el('Key', upload.key)}${el('UploadId', upload.uploadId)}${el('PartNumberMarker', marker)}` +
    `${page.length ? el('NextPartNumberMarker', page[page.length - 1]!.partNumber) : ''}${el('MaxParts', max)}${el('IsTruncated', truncated)}` +
    `${upload.checksumAlgorithm ? el('ChecksumAlgorithm', upload.checksumAlgorithm.toUpperCase()) : ''}` +
    page
      .map((p) => `<Part>${el('PartNumber', p.partNumber)}${el('LastModified', iso(p.lastModified))}${el('ETag', p.etag)}${el('Size', p.size)}${p.checksum ? el(`Checksum${p.checksum.algorithm.toUpperCase()}`, p.checksum.value) : ''}</Part>`)
      .join('');
  send(call.res, 200, {}, xml('ListPartsResult', inner));
}

const accessDenied = (): AwsError => new AwsError('AccessDenied', 'Access Denied', 403);

/**
 * `x-amz-expected-bucket-owner` (and, for CopyObject, `x-amz-source-expected-bucket-owner`): S3
 * answers 403 AccessDenied when the bucket exists and belongs to another account. Buckets share
 * one namespace across accounts, and another account's bucket is otherwise writable here (as if
 * its policy allowed it), so this header is what protects a caller from someone else's bucket.
 */
function checkExpectedOwners(call: S3Call): void {
  const expected = header(call.req, 'x-amz-expected-bucket-owner');
  const bucket = call.target.bucket ? call.store.buckets.get(call.target.bucket) : undefined;
  if (expected !== undefined && bucket && call.target.operation !== 'CreateBucket' && bucket.owner !== expected) throw accessDenied();
  const expectedSource = header(call.req, 'x-amz-source-expected-bucket-owner');
  if (expectedSource !== undefined && call.target.operation === 'CopyObject') {
    const raw = safeDecode(header(call.req, 'x-amz-copy-source') ?? '').replace(/^\//, '');
    const source = call.store.buckets.get(raw.slice(0, raw.indexOf('/')));
    if (source && source.owner !== expectedSource) throw accessDenied();
  }
}

/** Runs an S3 operation, writing the answer. Throws AwsError for the caller to format. */
export async function executeS3(call: S3Call): Promise<void> {
  checkExpectedOwners(call);
  switch (call.target.operation) {
    case 'ListBuckets': return listBuckets(call);
    case 'CreateBucket': return createBucket(call);
    case 'HeadBucket': return headBucket(call);
    case 'DeleteBucket': return deleteBucket(call);
    case 'GetBucketLocation': return getBucketLocation(call);
    case 'GetBucketVersioning': return getBucketVersioning(call);
    case 'ListObjectsV2': return listObjects(call, true);
    case 'ListObjects': return listObjects(call, false);
    case 'PutObject': return putObject(call);
    case 'CopyObject': return copyObject(call);
    case 'GetObject': return getObject(call, false);
    case 'HeadObject': return getObject(call, true);
    case 'DeleteObject': return deleteObject(call);
    case 'DeleteObjects': return deleteObjects(call);
    case 'CreateMultipartUpload': return createMultipartUpload(call);
    case 'UploadPart': return uploadPart(call);
    case 'CompleteMultipartUpload': return completeMultipartUpload(call);
    case 'AbortMultipartUpload': return abortMultipartUpload(call);
    case 'ListMultipartUploads': return listMultipartUploads(call);
    case 'ListParts': return listParts(call);
    default:
      throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
  }
}
