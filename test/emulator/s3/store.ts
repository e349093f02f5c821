import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChecksum, type ChecksumAlgorithm } from './checksums';

export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64 digest; composite (multipart) values end in `-<parts>`. */
  value: string;
}

export interface S3Object {
  key: string;
  size: number;
  etag: string;
  lastModified: number;
  file: string;
  contentType: string;
  contentEncoding?: string;
  contentDisposition?: string;
  cacheControl?: string;
  metadata: Record<string, string>;
  checksum?: StoredChecksum;
  parts?: number;
}

export interface UploadPart {
  partNumber: number;
  size: number;
  etag: string;
  file: string;
  lastModified: number;
  checksum?: StoredChecksum;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: number;
  contentType: string;
  metadata: Record<string, string>;
  checksumAlgorithm?: ChecksumAlgorithm;
  parts: Map<number, UploadPart>;
  owner: string;
}

export interface Bucket {
  name: string;
  region: string;
  owner: string;
  creationDate: number;
  objects: Map<string, S3Object>;
  /** Keys in byte order, for listings. */
  keys: string[];
  uploads: Map<string, MultipartUpload>;
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function lowerBoundKey(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(keys[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Folders of stores not disposed yet, removed when the process exits (a test that never stopped
 * its service). Kept once per process under a registered symbol: the integration tests bundle a
 * copy of this module into every test file, and one exit hook must serve them all.
 */
const LIVE_FOLDERS = Symbol.for('sagemaker-local-service.s3-live-folders');

function liveFolders(): Set<string> {
  const registry = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  const existing = registry[LIVE_FOLDERS];
  if (existing) return existing;
  const created = new Set<string>();
  registry[LIVE_FOLDERS] = created;
  process.once('exit', () => {
    for (const root of created) rmSync(root, { recursive: true, force: true });
  });
  return created;
}

/** Buckets and objects, with object bytes in files under a temporary folder removed by `dispose()`. */
export class S3Store {
  readonly root: string;
  readonly buckets = new Map<string, Bucket>();

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'sagemaker-local-s3-'));
    mkdirSync(join(this.root, 'objects'));
    mkdirSync(join(this.root, 'incoming'));
    liveFolders().add(this.root);
  }

  /** A new file name for an incoming body (written there, then kept or removed). */
  incomingFile(): string {
    return join(this.root, 'incoming', randomUUID());
  }

  objectFile(): string {
    return join(this.root, 'objects', randomUUID());
  }

  createBucket(name: string, region: string, owner: string, now: number): Bucket {
    const bucket: Bucket = { name, region, owner, creationDate: now, objects: new Map(), keys: [], uploads: new Map() };
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** Records an object whose bytes are already in `file` (replacing any previous version). */
  commit(bucket: Bucket, obj: S3Object): void {
    const previous = bucket.objects.get(obj.key);
    bucket.objects.set(obj.key, obj);
    if (previous) removeFile(previous.file);
    else bucket.keys.splice(lowerBoundKey(bucket.keys, obj.key), 0, obj.key);
  }

  deleteObject(bucket: Bucket, key: string): boolean {
    const obj = bucket.objects.get(key);
    if (!obj) return false;
    bucket.objects.delete(key);
    const i = lowerBoundKey(bucket.keys, key);
    if (bucket.keys[i] === key) bucket.keys.splice(i, 1);
    removeFile(obj.file);
    return true;
  }

  /** Whether the bucket exists in `region` and holds an object whose key starts with `prefix`. */
  hasObjectsUnder(bucketName: string, prefix: string, region: string): boolean {
    const bucket = this.buckets.get(bucketName);
    if (!bucket || bucket.region !== region) return false;
    const next = bucket.keys[lowerBoundKey(bucket.keys, prefix)];
    return next !== undefined && next.startsWith(prefix);
  }

  /** Writes a small object synchronously (job outputs, seed data). Skips buckets that do not exist. */
  putSmall(bucketName: string, key: string, body: Buffer, now: number, contentType = 'application/octet-stream'): boolean {
    const bucket = this.buckets.get(bucketName);
    if (!bucket) return false;
    const file = this.objectFile();
    writeFileSync(file, body);
    const md5 = createChecksum('md5');
    md5.update(body);
    const crc = createChecksum('crc32');
    crc.update(body);
    this.commit(bucket, {
      key,
      size: body.length,
      etag: `"${md5.raw().toString('hex')}"`,
      lastModified: now,
      file,
      contentType,
      metadata: {},
      checksum: { algorithm: 'crc32', value: crc.digest() },
    });
    return true;
  }

  dispose(): void {
    liveFolders().delete(this.root);
    rmSync(this.root, { recursive: true, force: true });
  }
}

export function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
