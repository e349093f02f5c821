import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { throwIfAborted } from '../../util/cancellation';
import { ignoredBy, parseIgnoreFile, type IgnoreRule } from './ignoreRules';
import { isJunk, isSecret } from './secrets';

export interface SourceFile {
  /** Relative to the packed folder, `/`-separated: the name inside the archive. */
  readonly path: string;
  readonly absolute: string;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
}

export interface SourceListing {
  readonly root: string;
  readonly files: readonly SourceFile[];
  readonly totalBytes: number;
  /** Secrets found and left out (relative paths), to tell the user. */
  readonly secretsLeftOut: readonly string[];
  /** Symbolic links are not followed (they could point anywhere, including out of the folder). */
  readonly symlinksLeftOut: readonly string[];
}

export interface ListOptions {
  /** More `.gitignore`-style patterns, relative to the folder (the spec's Source.Exclude). */
  readonly excludes?: readonly string[];
  /** Honour `.gitignore` files (in the folder and above it up to the repository root). Data uploads do not. */
  readonly gitignore?: boolean;
  readonly signal?: AbortSignal;
}

const toPosix = (path: string): string => path.split(sep).join('/');

/**
 * Lists what a package of `root` holds, in a stable order. Memory grows with the number of
 * files, never with their size; contents are read later, while streaming.
 */
export async function listSourceFiles(root: string, options: ListOptions = {}): Promise<SourceListing> {
  const gitignore = options.gitignore ?? true;
  const gitRoot = gitignore ? await findRepositoryRoot(root) : undefined;
  const prefix = gitRoot && gitRoot !== root ? `${toPosix(relative(gitRoot, root))}/` : '';
  const gitRules: IgnoreRule[] = gitRoot ? await ancestorRules(gitRoot, root) : [];
  const excludeRules = parseIgnoreFile((options.excludes ?? []).join('\n'));
  const files: SourceFile[] = [];
  const secretsLeftOut: string[] = [];
  const symlinksLeftOut: string[] = [];
  let totalBytes = 0;

  const visit = async (directory: string, relativeDir: string, rules: IgnoreRule[]): Promise<void> => {
    throwIfAborted(options.signal);
    let scoped = rules;
    if (gitignore) {
      const local = await readFile(join(directory, '.gitignore'), 'utf8').catch(() => undefined);
      if (local !== undefined) scoped = [...rules, ...parseIgnoreFile(local, prefix + relativeDir)];
    }
    const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relativeDir + entry.name;
      const absolute = join(directory, entry.name);
      if (entry.isSymbolicLink()) {
        symlinksLeftOut.push(path);
        continue;
      }
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue;
      if (isSecret(path, isDirectory)) {
        secretsLeftOut.push(isDirectory ? `${path}/` : path);
        continue;
      }
      if (isJunk(path, isDirectory)) continue;
      if (ignoredBy(scoped, prefix + path, isDirectory) === true) continue;
      if (ignoredBy(excludeRules, path, isDirectory) === true) continue;
      if (isDirectory) {
        await visit(absolute, `${path}/`, scoped);
      } else {
        const info = await stat(absolute);
        files.push({ path, absolute, size: info.size, mode: info.mode & 0o777, mtimeMs: info.mtimeMs });
        totalBytes += info.size;
      }
    }
  };
  await visit(root, '', gitRules);
  return { root, files, totalBytes, secretsLeftOut, symlinksLeftOut };
}

/** The nearest folder at or above `start` holding `.git` (a folder or a worktree file). */
async function findRepositoryRoot(start: string): Promise<string | undefined> {
  let current = start;
  for (let depth = 0; depth < 40; depth++) {
    const found = await stat(join(current, '.git')).then(
      () => true,
      () => false,
    );
    if (found) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/** The rules of `.gitignore` files from the repository root down to (not including) `root`. */
async function ancestorRules(gitRoot: string, root: string): Promise<IgnoreRule[]> {
  const rules: IgnoreRule[] = [];
  const parts = toPosix(relative(gitRoot, root)).split('/').filter(Boolean);
  let directory = gitRoot;
  let base = '';
  for (let i = 0; i <= parts.length - 1; i++) {
    const text = await readFile(join(directory, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) rules.push(...parseIgnoreFile(text, base));
    directory = join(directory, parts[i]!);
    base += `${parts[i]}/`;
  }
  return rules;
}
