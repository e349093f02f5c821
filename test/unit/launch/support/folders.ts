import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Creates a folder tree from `{ 'relative/path': content }` in a fresh temporary folder. */
export async function makeTree(files: Record<string, string | Buffer>, links: Record<string, string> = {}): Promise<{ root: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'launch-tree-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  for (const [path, target] of Object.entries(links)) await symlink(target, join(root, path));
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}
