// Types of tarReader.mjs for TypeScript callers (unit tests).
export interface TarEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  data: Buffer;
  target: string;
}
export function tarEntries(archive: Buffer): Generator<TarEntry>;
export function entryPath(root: string, name: string): string;
export function extractTar(archive: Buffer, root: string, options?: { strip?: number }): Promise<void>;
