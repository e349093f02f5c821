import { ignoredBy, parseIgnoreFile } from './ignoreRules';

/**
 * Files that never go into a package or a data upload, whatever `.gitignore` or the spec say:
 * credentials, keys, environment files and version-control folders. Matching is by name at any
 * depth; nothing can re-include them.
 */
export const secretPatterns = [
  '.env',
  '.env.*',
  '*.env',
  '.envrc',
  '.aws/',
  '.ssh/',
  '.gnupg/',
  '.docker/',
  '.git/',
  '.hg/',
  '.svn/',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  'credentials',
  'credentials.json',
  '.git-credentials',
  '.netrc',
  '.pypirc',
  '.npmrc',
  '.vault-token',
] as const;

/** Build leftovers the SDK would pack but nobody wants in a training container. */
export const junkPatterns = ['__pycache__/', '*.pyc', '.ipynb_checkpoints/', '.DS_Store', '.pytest_cache/', '.mypy_cache/'] as const;

const secretRules = parseIgnoreFile(secretPatterns.join('\n'));
const junkRules = parseIgnoreFile(junkPatterns.join('\n'));

export function isSecret(path: string, isDirectory: boolean): boolean {
  return ignoredBy(secretRules, path, isDirectory) === true;
}

export function isJunk(path: string, isDirectory: boolean): boolean {
  return ignoredBy(junkRules, path, isDirectory) === true;
}
