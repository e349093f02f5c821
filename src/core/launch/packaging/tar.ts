/**
 * POSIX ustar headers (with a pax extended header for long or non-ASCII names), enough to
 * write archives that GNU tar, Python's tarfile and the SageMaker containers read.
 */
export const blockSize = 512;

export interface TarEntry {
  readonly path: string;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
}

const encoder = new TextEncoder();

/** The header block(s) of a regular file. */
export function fileHeader(entry: TarEntry): Buffer {
  const mtime = Math.floor(entry.mtimeMs / 1000);
  const split = splitName(entry.path);
  if (split) return header({ name: split.name, prefix: split.prefix, size: entry.size, mode: entry.mode, mtime, type: '0' });
  // The name does not fit ustar's fields: a pax header carries it, the ustar name is a stand-in.
  const records = paxRecord('path', entry.path);
  const pax = Buffer.concat([
    header({ name: `PaxHeaders/${asciiTail(entry.path, 80)}`, prefix: '', size: records.length, mode: 0o644, mtime, type: 'x' }),
    records,
    Buffer.alloc(padding(records.length)),
  ]);
  return Buffer.concat([pax, header({ name: asciiTail(entry.path, 99), prefix: '', size: entry.size, mode: entry.mode, mtime, type: '0' })]);
}

/** Zero bytes that pad a file's content to a whole block. */
export function padding(size: number): number {
  const remainder = size % blockSize;
  return remainder === 0 ? 0 : blockSize - remainder;
}

/** The two empty blocks that end an archive. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(blockSize * 2);
}

function splitName(path: string): { name: string; prefix: string } | undefined {
  if (!/^[\x20-\x7e]*$/.test(path)) return undefined;
  if (path.length <= 100) return { name: path, prefix: '' };
  // ustar: prefix (155) + '/' + name (100), split at a slash.
  for (let i = path.length - 101; i < path.length; i++) {
    if (i <= 0 || path[i] !== '/') continue;
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { name, prefix };
  }
  return undefined;
}

function asciiTail(path: string, max: number): string {
  const ascii = path.replace(/[^\x20-\x7e]/g, '_');
  return ascii.length <= max ? ascii : ascii.slice(ascii.length - max);
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  // The record starts with its own length in decimal, which counts its own digits.
  let length = bodyLength + String(bodyLength).length;
  if (String(length).length !== String(bodyLength).length) length = bodyLength + String(length).length;
  return Buffer.from(`${length}${body}`, 'utf8');
}

interface HeaderFields {
  readonly name: string;
  readonly prefix: string;
  readonly size: number;
  readonly mode: number;
  readonly mtime: number;
  readonly type: '0' | 'x';
}

function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(blockSize);
  block.write(fields.name, 0, 100, 'utf8');
  writeOctal(block, fields.mode, 100, 8);
  writeOctal(block, 0, 108, 8); // uid
  writeOctal(block, 0, 116, 8); // gid
  writeOctal(block, fields.size, 124, 12);
  writeOctal(block, fields.mtime, 136, 12);
  block.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  block.write(fields.type, 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  block.write('root', 265, 32, 'ascii');
  block.write('root', 297, 32, 'ascii');
  block.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  writeOctal(block, sum, 148, 7);
  block[155] = 0x20;
  return block;
}

/** Zero-padded octal with a trailing NUL, as ustar numeric fields are. */
function writeOctal(block: Buffer, value: number, offset: number, length: number): void {
  const text = Math.floor(value).toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`A tar field overflows: ${value} does not fit ${length - 1} octal digits.`);
  block.write(`${text}\u0000`, offset, length, 'ascii');
}
