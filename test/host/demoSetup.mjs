// The demo setup, shared by `npm run demo` and `npm run screenshot`: the packaged extension
// installed in code-server, the local service with its demo data, a `demo` AWS profile for it,
// settings pointing the extension at it (machine-scoped ones in the remote machine's settings, as
// code-server is a remote window), and the example project opened.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureHost } from './bootstrap.mjs';
import { installExtension, startCodeServer } from './codeServer.mjs';
import { startEmulatorProcess } from './emulatorProcess.mjs';
import { createSandbox, writeMachineSettings } from './sandbox.mjs';
import { settingsByFile } from './settingsFiles.mjs';
import { repoRoot } from './versions.mjs';

export const DEMO_PROFILE = 'demo';
export const DEMO_REGION = 'us-east-1';
export const exampleFolder = path.join(repoRoot, 'examples', 'fraud-detection');
export const demoVsix = path.join(repoRoot, 'out', 'demo', 'sagemaker-companion.vsix');

/** Virtual minutes per real minute in the demo. */
const DEMO_SPEED = 20;

function npm(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm ${args.join(' ')} failed (exit ${code})`))));
  });
}

/** The settings that point the extension at a local service (the extension's documented settings). */
export function serviceSettings(url) {
  return {
    'sagemaker.profile': DEMO_PROFILE,
    'sagemaker.region': DEMO_REGION,
    'sagemaker.endpointUrl': url,
    'sagemaker.serviceEndpoints': { sagemakerRuntime: url, logs: url, s3: url, sts: url, pricing: url },
  };
}

/** Everything the demo sets: the local service, and a role of its account for `${role}` in the example specs. */
export function demoSettings(service) {
  return settingsByFile({ ...serviceSettings(service.url), 'sagemaker.launch.executionRoleArn': `arn:aws:iam::${service.accountId}:role/SageMakerExecutionRole` });
}

/** The example's transactions CSV is generated, not committed: write it once (Python 3 standard library). */
async function generateExampleData(log) {
  if (!existsSync(exampleFolder) || existsSync(path.join(exampleFolder, 'data', 'train', 'train.csv'))) return;
  log('generating the example data (python3 generate_data.py) ...');
  await new Promise((resolve) => {
    const child = spawn('python3', ['generate_data.py'], { cwd: exampleFolder, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => {
      log(`could not run python3 (${error.message}); run generate_data.py in ${exampleFolder} before launching the example`);
      resolve();
    });
    child.on('close', () => resolve());
  });
}

/**
 * @param {{ bind?: string, port?: number, needChromium?: boolean, log?: (line: string) => void }} [options]
 */
export async function startDemo({ bind = '127.0.0.1', port = 0, needChromium = false, log = (line) => console.log(`[demo] ${line}`) } = {}) {
  const host = await ensureHost({ needChromium, log });

  log('packaging the extension (production build) ...');
  await mkdir(path.dirname(demoVsix), { recursive: true });
  // No repository field in the manifest yet: without the flag vsce would stop to ask.
  await npm(['run', '--silent', 'package', '--', '--out', demoVsix]);

  log('starting the local service with its demo data ...');
  // The demo's pace: 20 virtual minutes per real minute, so train -> tune -> deploy -> invoke takes a
  // few minutes (the clock never runs ahead of the wall: speed shortens status sequences).
  const service = await startEmulatorProcess({ data: 'demo', speed: DEMO_SPEED });
  log(`local service at ${service.url} (account ${service.accountId}; regions ${service.regions.join(', ')})`);

  await generateExampleData(log);

  const settings = demoSettings(service);
  const sandbox = await createSandbox({
    prefix: 'sagemaker-demo-',
    settings: settings.user,
    awsConfig: `[profile ${DEMO_PROFILE}]\nregion = ${DEMO_REGION}\n`,
    awsCredentials: `[${DEMO_PROFILE}]\naws_access_key_id = ${service.accessKeyId}\naws_secret_access_key = ${service.secretAccessKey}\n`,
  });
  await writeMachineSettings(sandbox.userData, settings.machine);
  sandbox.env.AWS_PROFILE = DEMO_PROFILE;

  await installExtension(host, sandbox, demoVsix);
  log('installed the .vsix into a throw-away code-server profile');

  // The smoke-test driver stays off: the demo is VS Code as users have it (toasts included).
  const server = await startCodeServer(host, sandbox, { bind, port, testDriver: false });
  const folderIsFallback = !existsSync(exampleFolder);
  const folder = folderIsFallback ? repoRoot : exampleFolder;
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  return {
    host,
    service,
    sandbox,
    server,
    folder,
    folderIsFallback,
    url,
    async close() {
      await server.stop();
      await service.stop();
      await sandbox.remove();
    },
  };
}
