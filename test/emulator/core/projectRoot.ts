import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding `package.json` and `data/aws-models`, found by walking up from this module.
 * Works from the TypeScript sources (tsx, mocha) and from an esbuild bundle placed anywhere
 * below the project, which is why it does not rely on a fixed relative path.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'aws-models'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the project root (package.json + data/aws-models) above ${__dirname}`);
    dir = parent;
  }
}

export function dataPath(...parts: string[]): string {
  return join(projectRoot(), 'data', ...parts);
}
