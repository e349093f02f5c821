// Builds the benchmarks need; each leaves the development build in dist/ afterwards, as the
// rest of the tooling (tests, F5) expects it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function npm(args: string[]): string {
  const result = spawnSync('npm', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Runs `body` with the release build in dist/, then restores the development build. */
export async function withReleaseBuild<T>(body: () => Promise<T> | T, build: () => void = () => void npm(['run', '--silent', 'build:release'])): Promise<T> {
  build();
  try {
    return await body();
  } finally {
    npm(['run', '--silent', 'build']);
  }
}
