import {
  AbortMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand,
  GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListMultipartUploadsCommand, ListObjectsV2Command, ListPartsCommand,
  PutObjectCommand, type S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Emulator } from '../../emulator/index';
import { clientsFor, NodeSha256, rejection, start } from './helpers';

const BUCKET = 'sagemaker-us-east-1-123456789012';


/**
 * A deterministic stream of `size` bytes, generated chunk by chunk (never whole in memory): a
 * fixed random block per seed, each 1 MB chunk stamped with its index so that order matters.
 */
function generated(size: number, seed = 1): Readable {
  const CHUNK = 1 << 20;
  const block = Buffer.alloc(CHUNK);
  let state = seed;
  for (let i = 0; i + 4 <= CHUNK; i += 4) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    block.writeUInt32LE(state, i);
  }
  let sent = 0;
  let index = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, size - sent);
      const chunk = Buffer.from(block.subarray(0, n));
      if (n >= 8) chunk.writeDoubleLE(index++, 0);
      sent += n;
      this.push(chunk);
    },
  });
}

async function md5Of(stream: AsyncIterable<Uint8Array>): Promise<{ md5: string; size: number }> {
  const hash = createHash('md5');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { md5: hash.digest('hex'), size };
}

describe('local service: S3', () => {
  let emu: Emulator;
  let s3: S3Client;

  before(async () => {
    emu = await start({ data: 'empty', regions: ['us-east-1', 'eu-west-1'] });
    s3 = clientsFor(emu).s3;
  });
  after(() => emu.stop());

  it('has the default SageMaker bucket in every seeded region, and creates and deletes buckets', async () => {
    const names = (await s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name);
    assert.deepEqual(names, ['sagemaker-eu-west-1-123456789012', 'sagemaker-us-east-1-123456789012']);
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'sagemaker-eu-west-1-123456789012' }));
    assert.equal(head.BucketRegion, 'eu-west-1');
    await s3.send(new CreateBucketCommand({ Bucket: 'scratch-bucket-1' }));
    await s3.send(new PutObjectCommand({ Bucket: 'scratch-bucket-1', Key: 'a', Body: 'x' }));
    assert.equal((await rejection(s3.send(new DeleteBucketCommand({ Bucket: 'scratch-bucket-1' })))).name, 'BucketNotEmpty');
    await s3.send(new DeleteObjectCommand({ Bucket: 'scratch-bucket-1', Key: 'a' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'scratch-bucket-1' }));
    assert.equal((await rejection(s3.send(new HeadBucketCommand({ Bucket: 'scratch-bucket-1' })))).name, 'NotFound');
    const eu = clientsFor(emu, { region: 'eu-west-1' }).s3;
    await eu.send(new CreateBucketCommand({ Bucket: 'eu-scratch-bucket' }));
    assert.equal((await eu.send(new HeadBucketCommand({ Bucket: 'eu-scratch-bucket' }))).BucketRegion, 'eu-west-1');
    const wrongRegion = await rejection(eu.send(new CreateBucketCommand({ Bucket: 'eu-bucket-elsewhere', CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' } })));
    assert.equal(wrongRegion.name, 'IllegalLocationConstraintException');
    const taken = await rejection(eu.send(new CreateBucketCommand({ Bucket: 'eu-scratch-bucket' })));
    assert.equal(taken.name, 'BucketAlreadyOwnedByYou');
  });

  it('puts, gets, ranges, heads and deletes objects with their metadata', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt', Body: 'hello local s3', ContentType: 'text/plain', Metadata: { project: 'fraud' } }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt' }));
    assert.equal(await got.Body!.transformToString(), 'hello local s3');
    assert.equal(got.ContentType, 'text/plain');
    assert.deepEqual(got.Metadata, { project: 'fraud' });
    assert.equal(got.ETag, `"${createHash('md5').update('hello local s3').digest('hex')}"`);
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt', Range: 'bytes=6-10' }));
    assert.equal(await part.Body!.transformToString(), 'local');
    assert.equal(part.ContentRange, 'bytes 6-10/14');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt' }));
    assert.equal(head.ContentLength, 14);
    assert.equal((await rejection(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/nope' })))).name, 'NoSuchKey');
    assert.equal((await rejection(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'docs/nope' })))).name, 'NotFound');
    assert.equal((await rejection(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-xyz', Key: 'k' })))).name, 'NoSuchBucket');
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt' }));
    assert.equal((await rejection(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'docs/readme.txt' })))).name, 'NotFound');
  });

  it('decodes aws-chunked stream bodies with trailing checksums, and rejects bodies that do not match', async () => {
    const size = 3 * 1024 * 1024 + 17;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'stream/body.bin', Body: generated(size, 9), ContentLength: size }));
    const back = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'stream/body.bin', ChecksumMode: 'ENABLED' }));
    const local = await md5Of(generated(size, 9));
    assert.deepEqual(await md5Of(back.Body as AsyncIterable<Uint8Array>), local, 'the framing is not stored');
    assert.ok(back.ChecksumCRC32, 'the checksum the client sent in the trailer is kept');
    const badMd5 = await rejection(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: 'abc', ContentMD5: createHash('md5').update('abd').digest('base64') })));
    assert.equal(badMd5.name, 'BadDigest');
    const badCrc = await rejection(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })));
    assert.equal(badCrc.name, 'BadDigest');
    assert.equal((await rejection(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad' })))).name, 'NotFound', 'nothing stored after a failed check');
  });

  it('lists with prefixes, delimiters and continuation tokens', async () => {
    for (const key of ['list/a.csv', 'list/b.csv', 'list/dir1/x', 'list/dir1/y', 'list/dir2/z', 'list/c.csv']) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
    const top = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', Delimiter: '/' }));
    assert.deepEqual(top.Contents!.map((o) => o.Key), ['list/a.csv', 'list/b.csv', 'list/c.csv']);
    assert.deepEqual(top.CommonPrefixes!.map((p) => p.Prefix), ['list/dir1/', 'list/dir2/']);
    assert.equal(top.KeyCount, 5);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', MaxKeys: 4, ContinuationToken: token }));
      keys.push(...page.Contents!.map((o) => o.Key!));
      token = page.NextContinuationToken;
      assert.equal(page.IsTruncated, token !== undefined);
    } while (token);
    assert.deepEqual(keys, ['list/a.csv', 'list/b.csv', 'list/c.csv', 'list/dir1/x', 'list/dir1/y', 'list/dir2/z']);
    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', StartAfter: 'list/dir1/x' }));
    assert.deepEqual(after.Contents!.map((o) => o.Key), ['list/dir1/y', 'list/dir2/z']);
    const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'list/a.csv' }, { Key: 'list/b.csv' }] } }));
    assert.equal(deleted.Deleted!.length, 2);
  });

  it('uploads 200 MB through lib-storage multipart and gives the same bytes back', async function () {
    this.timeout(60_000);
    const size = 200 * 1024 * 1024 + 123;
    const upload = new Upload({ client: s3, params: { Bucket: BUCKET, Key: 'big/model.tar.gz', Body: generated(size, 5) }, partSize: 16 * 1024 * 1024, queueSize: 4 });
    const result = await upload.done();
    assert.match(result.ETag!, /-13"$/, 'a multipart ETag names the part count');
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'big/model.tar.gz' }));
    assert.equal(head.ContentLength, size);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big/model.tar.gz' }));
    assert.deepEqual(await md5Of(got.Body as AsyncIterable<Uint8Array>), await md5Of(generated(size, 5)));
  });

  it('lists, and aborts, multipart uploads and their parts', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp/pending.bin', ChecksumAlgorithm: 'CRC32' }));
    await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'mp/pending.bin', UploadId, PartNumber: 1, Body: Buffer.alloc(1024, 1) }));
    await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'mp/pending.bin', UploadId, PartNumber: 2, Body: Buffer.alloc(512, 2) }));
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'mp/' }));
    assert.deepEqual(uploads.Uploads!.map((u) => [u.Key, u.UploadId]), [['mp/pending.bin', UploadId]]);
    const parts = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'mp/pending.bin', UploadId }));
    assert.deepEqual(parts.Parts!.map((p) => [p.PartNumber, p.Size]), [[1, 1024], [2, 512]]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp/pending.bin', UploadId }));
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'mp/' }))).Uploads, undefined);
    assert.equal((await rejection(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'mp/pending.bin', UploadId })))).name, 'NoSuchUpload');
  });

  it('verifies the chunk signatures of signed streaming uploads', async () => {
    const url = new URL(emu.url);
    const { secretAccessKey } = emu.credentials;
    const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();
    const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
    const chunks = [Buffer.alloc(64 * 1024, 'a'), Buffer.alloc(10_000, 'b')];
    const decodedLength = chunks.reduce((n, c) => n + c.length, 0);
    async function upload(key: string, tamper: boolean): Promise<number> {
      const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: emu.credentials, sha256: NodeSha256, uriEscapePath: false });
      const headers: Record<string, string> = {
        host: url.host,
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(decodedLength),
      };
      const signed = await signer.sign({ method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${BUCKET}/${key}`, headers, query: {} });
      const auth = signed.headers.authorization!;
      const amzDate = signed.headers['x-amz-date']!;
      const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
      const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, amzDate.slice(0, 8)), 'us-east-1'), 's3'), 'aws4_request');
      // Per the AWS spec: each chunk signs the previous signature and its data's hash.
      let previous = /Signature=([0-9a-f]+)/.exec(auth)![1]!;
      const parts: Buffer[] = [];
      for (const data of [...chunks, Buffer.alloc(0)]) {
        const toSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha(''), sha(data)].join('\n');
        previous = hmac(signingKey, toSign).toString('hex');
        const sent = tamper && data.length === 10_000 ? Buffer.alloc(10_000, 'c') : data;
        parts.push(Buffer.from(`${data.length.toString(16)};chunk-signature=${previous}\r\n`), sent, Buffer.from('\r\n'));
      }
      const body = Buffer.concat(parts);
      const res = await fetch(`${emu.url}/${BUCKET}/${key}`, { method: 'PUT', headers: { ...signed.headers, 'content-length': String(body.length) }, body });
      await res.arrayBuffer();
      return res.status;
    }
    assert.equal(await upload('signed/stream.bin', false), 200);
    const back = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'signed/stream.bin' }));
    assert.ok(Buffer.from(await back.Body!.transformToByteArray()).equals(Buffer.concat(chunks)));
    assert.equal(await upload('signed/tampered.bin', true), 403);
    assert.equal((await rejection(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'signed/tampered.bin' })))).name, 'NotFound');
  });

  it('serves presigned URLs and refuses tampered ones', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'share/report.csv', Body: 'a,b\n1,2\n' }));
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: emu.credentials, sha256: NodeSha256, uriEscapePath: false });
    const url = new URL(emu.url);
    const presigned = await signer.presign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${BUCKET}/share/report.csv`, headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, query: {} }, { expiresIn: 300 });
    const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
    const ok = await fetch(`${emu.url}${presigned.path}?${query}`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'a,b\n1,2\n');
    const tampered = await fetch(`${emu.url}/${BUCKET}/share/other.csv?${query}`);
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });
});
