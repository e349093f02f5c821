import { classifyAwsError } from '../aws/errors';
import type { Path } from './placeholders';
import { isRecord } from './schema';

/**
 * Where in a spec the service's validation message points. SageMaker names members the Coral
 * way: `resourceConfig.instanceType`, `inputDataConfig.1.member.channelName` (1-based lists).
 */
export function locateServiceError(error: unknown, request: unknown, prefix: Path = []): Array<{ path: Path; message: string }> {
  const classified = classifyAwsError(error);
  if (classified.kind !== 'validation' && classified.kind !== 'conflict' && classified.kind !== 'notFound') return [];
  const found: Array<{ path: Path; message: string }> = [];
  const pattern = /Value '([^']*)' at '([^']+)' failed to satisfy constraint: ([^;]+)/g;
  for (const match of classified.message.matchAll(pattern)) {
    const path = coralPath(match[2]!, request);
    if (path) found.push({ path: [...prefix, ...path], message: `The service rejected this value: ${match[3]!.trim()}` });
  }
  return found;
}

function coralPath(coral: string, request: unknown): Path | undefined {
  const path: Array<string | number> = [];
  let node = request;
  const parts = coral.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (/^\d+$/.test(part)) {
      path.push(Number(part) - 1);
      node = Array.isArray(node) ? node[Number(part) - 1] : undefined;
      if (parts[i + 1] === 'member') i++;
      continue;
    }
    if (part === 'member' || part === 'entry' || part === 'key' || part === 'value') continue;
    if (!isRecord(node)) return path.length ? path : undefined;
    const key = Object.keys(node).find((candidate) => candidate.toLowerCase() === part.toLowerCase());
    if (!key) return path.length ? path : undefined;
    path.push(key);
    node = node[key];
  }
  return path;
}
