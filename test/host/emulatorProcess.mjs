// The local SageMaker-compatible service out of process, through its CLI (`npm run emulator`),
// for the demo and the screenshots. Its first stdout line is JSON describing it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import readline from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';
import { spawnTracked } from './processes.mjs';
import { repoRoot } from './versions.mjs';

const START_TIMEOUT_MS = 60_000;

/**
 * @param {{ data?: string, speed?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, accessKeyId: string, secretAccessKey: string, accountId: string, regions: string[], controlUrl?: string, stop: () => Promise<void> }>}
 */
export async function startEmulatorProcess({ data = 'demo', speed = 1, log = () => {} } = {}) {
  if (!existsSync(path.join(repoRoot, 'test', 'emulator', 'cli.ts'))) {
    throw new Error('the local service has no command line yet (test/emulator/cli.ts behind `npm run emulator`)');
  }
  const service = spawnTracked('local service', 'npm', ['run', '--silent', 'emulator', '--', '--port', '0', '--data', data, '--speed', String(speed), '--json'], {
    cwd: repoRoot,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const recent = [];
  readline.createInterface({ input: service.child.stderr }).on('line', (line) => {
    recent.push(line);
    log(line);
  });
  const lines = readline.createInterface({ input: service.child.stdout });
  let timer;
  try {
    const info = await new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the local service did not describe itself within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      let first = true;
      lines.on('line', (line) => {
        if (!first) return log(line);
        first = false;
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(new Error(`the local service's first line is not JSON: ${line}`));
        }
      });
      void service.exited.then(() => reject(new Error(`the local service exited (code ${service.child.exitCode}):\n${recent.slice(-20).join('\n')}`)));
    });
    return { ...info, stop: () => service.stop() };
  } catch (error) {
    await service.stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
