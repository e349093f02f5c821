// A throw-away home for one VS Code host run: HOME, XDG folders, TMPDIR, user data, extensions,
// AWS shared files. Nothing of the developer's own VS Code or ~/.aws is read or written.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { track } from './processes.mjs';

/** User settings that keep the workbench quiet and deterministic offline. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'github.gitAuthentication': false,
  'workbench.reduceMotion': 'on',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Environment variables of the caller that would let the real AWS account or endpoint leak in. */
const AWS_ENV_PATTERN = /^AWS_/;

/**
 * @param {{ prefix?: string, settings?: Record<string, unknown>, awsConfig?: string, awsCredentials?: string, keep?: boolean }} [options]
 */
export async function createSandbox({ prefix = 'sagemaker-host-', settings = {}, awsConfig, awsCredentials, keep = false } = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    configHome: path.join(root, 'xdg-config'),
    dataHome: path.join(root, 'xdg-data'),
    cacheHome: path.join(root, 'xdg-cache'),
    tmp: path.join(root, 'tmp'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    artifacts: path.join(root, 'artifacts'),
  };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  await mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await mkdir(path.join(dirs.home, '.aws'), { recursive: true });

  const awsConfigFile = path.join(dirs.home, '.aws', 'config');
  const awsCredentialsFile = path.join(dirs.home, '.aws', 'credentials');
  await writeFile(awsConfigFile, awsConfig ?? '# AWS shared config of a throw-away test home\n', { mode: 0o600 });
  await writeFile(awsCredentialsFile, awsCredentials ?? '# AWS shared credentials of a throw-away test home\n', { mode: 0o600 });
  await writeUserSettings(dirs.userData, settings);

  /** Environment for code-server (and so for its extension host). */
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !AWS_ENV_PATTERN.test(key) && !/^npm_/i.test(key)));
  Object.assign(env, {
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.configHome,
    XDG_DATA_HOME: dirs.dataHome,
    XDG_CACHE_HOME: dirs.cacheHome,
    TMPDIR: dirs.tmp,
    AWS_CONFIG_FILE: awsConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: awsCredentialsFile,
    // Offline, the credential chain would otherwise wait on the EC2 instance metadata service.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;

  const removeRoot = async () => {
    if (!keep) await rm(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const untrack = track(`sandbox ${root}`, removeRoot);
  const remove = async () => {
    untrack();
    await removeRoot();
  };
  return { ...dirs, awsConfigFile, awsCredentialsFile, env, remove };
}

/** Writes (replaces) the user settings.json of a user-data dir, on top of the quiet defaults. */
export async function writeUserSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  await writeFile(file, JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2) + '\n');
  return file;
}

/**
 * Writes (replaces) the remote machine's settings.json of a code-server user-data dir. code-server
 * is a remote window: machine-scoped settings (credentials, endpoints) are read from here, and the
 * same keys in the user settings.json are ignored (after the first seconds of a window).
 */
export async function writeMachineSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'Machine', 'settings.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(settings, null, 2) + '\n');
  return file;
}

/**
 * Makes the sandbox's VS Code load extensions from folders elsewhere on disk, as if installed,
 * by listing them in the extensions folder's manifest (extensions.json) with absolute locations.
 * (code-server keeps a single extensionDevelopmentPath from the payload, so test-only extensions
 * cannot be added as further development paths.)
 * @param {string[]} extensionDirs folders that each hold an extension's package.json
 */
export async function registerExtensions(sandbox, extensionDirs) {
  const entries = [];
  for (const dir of extensionDirs) {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    entries.push({
      identifier: { id: `${manifest.publisher}.${manifest.name}`.toLowerCase() },
      version: manifest.version,
      location: { $mid: 1, scheme: 'file', path: dir },
      metadata: { installedTimestamp: Date.now(), pinned: true, source: 'resource', isApplicationScoped: false },
    });
  }
  await writeFile(path.join(sandbox.extensions, 'extensions.json'), JSON.stringify(entries));
}
