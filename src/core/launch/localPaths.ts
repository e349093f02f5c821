import { realpath } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Path } from './placeholders';
import { isRecord } from './schema';
import { trainingDefinitions } from './specFacts';

/** A local path a spec names (a folder to pack or to upload), and where the spec names it. */
export interface SpecLocalPath {
  readonly path: Path;
  readonly value: string;
}

/** Every local path of a training or tuning spec: Source.Directory and each channel's LocalPath. */
export function specLocalPaths(value: Record<string, unknown>): SpecLocalPath[] {
  const found: SpecLocalPath[] = [];
  const source = value.Source;
  if (isRecord(source) && typeof source.Directory === 'string' && source.Directory) found.push({ path: ['Source', 'Directory'], value: source.Directory });
  for (const { path, definition } of trainingDefinitions(value)) {
    const channels = definition.InputDataConfig;
    if (!Array.isArray(channels)) continue;
    channels.forEach((channel, index) => {
      if (isRecord(channel) && typeof channel.LocalPath === 'string' && channel.LocalPath) {
        found.push({ path: [...path, 'InputDataConfig', index, 'LocalPath'], value: channel.LocalPath });
      }
    });
  }
  return found;
}

const inside = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Why a spec's local path may not be used, or undefined when it stays inside `root` (the
 * workspace folder that holds the spec): `../..`, an absolute path elsewhere, or a symbolic link
 * (anywhere along the path) that leads out are refused, so a spec cannot upload files from
 * outside the folder it was opened from. A path that does not exist is not judged here.
 */
export async function pathEscapes(root: string, specDir: string, value: string): Promise<string | undefined> {
  const absolute = resolve(specDir, value);
  const folder = basename(root) || root;
  if (!inside(resolve(root), absolute)) return `${value} is outside the workspace folder ${folder}: only files inside it can be uploaded.`;
  const real = await realpath(absolute).catch(() => undefined);
  if (real === undefined) return undefined;
  const realRoot = await realpath(root).catch(() => resolve(root));
  if (!inside(realRoot, real)) return `${value} leads through a symbolic link to ${real}, outside the workspace folder ${folder}: only files inside it can be uploaded.`;
  return undefined;
}
