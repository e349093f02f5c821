import { createHash, type Hash } from 'node:crypto';
import * as zlib from 'node:zlib';

/** The flexible checksums S3 accepts, by the suffix of their header (`x-amz-checksum-crc32`). */
export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface Checksum {
  update(data: Buffer): void;
  /** Base64 of the big-endian digest, as S3 headers carry it. */
  digest(): string;
  /** The raw digest bytes (multipart composite checksums hash these). */
  raw(): Buffer;
}

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

const crc32cTable = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC-64/NVME, reflected, split into 32-bit halves so it runs on plain numbers. */
const crc64Tables = (() => {
  const poly = 0x9a6c9329ac4bc9b5n;
  const lo = new Uint32Array(256);
  const hi = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = BigInt(i);
    for (let k = 0; k < 8; k++) c = c & 1n ? poly ^ (c >> 1n) : c >> 1n;
    lo[i] = Number(c & 0xffffffffn);
    hi[i] = Number(c >> 32n);
  }
  return { lo, hi };
})();

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

class Crc32 implements Checksum {
  private value = 0;
  update(data: Buffer): void {
    this.value = zlib.crc32(data, this.value);
  }
  raw(): Buffer {
    return u32(this.value);
  }
  digest(): string {
    return this.raw().toString('base64');
  }
}

class Crc32c implements Checksum {
  private value = 0xffffffff;
  update(data: Buffer): void {
    let c = this.value;
    for (let i = 0; i < data.length; i++) c = crc32cTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    this.value = c >>> 0;
  }
  raw(): Buffer {
    return u32(~this.value);
  }
  digest(): string {
    return this.raw().toString('base64');
  }
}

class Crc64Nvme implements Checksum {
  private lo = 0xffffffff;
  private hi = 0xffffffff;
  update(data: Buffer): void {
    const { lo: tLo, hi: tHi } = crc64Tables;
    let lo = this.lo;
    let hi = this.hi;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      const nextLo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
      lo = (nextLo ^ tLo[idx]!) >>> 0;
      hi = ((hi >>> 8) ^ tHi[idx]!) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
  }
  raw(): Buffer {
    return Buffer.concat([u32(~this.hi), u32(~this.lo)]);
  }
  digest(): string {
    return this.raw().toString('base64');
  }
}

class HashChecksum implements Checksum {
  private readonly hash: Hash;
  private result: Buffer | undefined;
  constructor(algorithm: 'sha1' | 'sha256' | 'md5') {
    this.hash = createHash(algorithm);
  }
  update(data: Buffer): void {
    this.hash.update(data);
  }
  raw(): Buffer {
    this.result ??= this.hash.digest();
    return this.result;
  }
  digest(): string {
    return this.raw().toString('base64');
  }
}

export function createChecksum(algorithm: ChecksumAlgorithm | 'md5'): Checksum {
  switch (algorithm) {
    case 'crc32':
      return new Crc32();
    case 'crc32c':
      return new Crc32c();
    case 'crc64nvme':
      return new Crc64Nvme();
    case 'sha1':
    case 'sha256':
    case 'md5':
      return new HashChecksum(algorithm);
  }
}
