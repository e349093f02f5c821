// Which VS Code runs the integration tests. code-server (offline: everything from the npm
// registry) where its host is prepared, linux-x64; desktop VS Code through @vscode/test-electron
// (downloaded: internet needed) everywhere else. SAGEMAKER_TEST_HOST=code-server|electron chooses.
export const HOST_ENV = 'SAGEMAKER_TEST_HOST';
export const HOSTS = ['code-server', 'electron'];

/** Node 24 and the npm Chromium build the code-server host uses are linux-x64 builds. */
export const codeServerRunsOn = (platform, arch) => platform === 'linux' && arch === 'x64';

/**
 * @param {{ env: Record<string, string | undefined>, platform: string, arch: string }} where
 * @returns {{ host: 'code-server' | 'electron', reason: string }}
 */
export function chooseHost({ env, platform, arch }) {
  const asked = env[HOST_ENV];
  if (asked) {
    if (asked !== 'code-server' && asked !== 'electron') throw new Error(`${HOST_ENV} must be ${HOSTS.join(' or ')}, not ${asked}`);
    return { host: asked, reason: `${HOST_ENV}=${asked}` };
  }
  if (codeServerRunsOn(platform, arch)) {
    return { host: 'code-server', reason: `${platform}-${arch}: offline, from the npm registry; ${HOST_ENV}=electron for desktop VS Code` };
  }
  return { host: 'electron', reason: `${platform}-${arch}: the code-server host is prepared for linux-x64 only; desktop VS Code is downloaded` };
}
