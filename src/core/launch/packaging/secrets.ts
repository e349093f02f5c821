import { ignoredBy, parseIgnoreFile } from './ignoreRules';

/**
 * Files that never go into a package or a data upload, whatever `.gitignore` or the spec say:
 * credentials, keys, environment files, cloud and tool configurations, version-control folders.
 * Matching is by name at any depth and ignores case (`.ENV`, `Server.PEM`, `.SSH/` are secrets
 * too); nothing can re-include them.
 */
export const secretPatterns = [
  '.env*',
  '*.env',
  '.aws/',
  '.ssh/',
  '.gnupg/',
  '.kube/',
  '.docker/',
  '.azure/',
  '**/.config/gcloud/',
  '.git/',
  '.hg/',
  '.svn/',
  'id_*',
  '*.pem',
  '*.key',
  '*.ppk',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  '*credentials*',
  'service-account*.json',
  'secrets.y*ml',
  '*.tfstate*',
  '.netrc',
  '.pgpass',
  '.boto',
  '.s3cfg',
  '.htpasswd',
  '.pypirc',
  '.npmrc',
  '.vault-token',
] as const;

/**
 * Folders and build leftovers the SDK would pack but nobody wants in a training container (and
 * that can be huge): left out even when no `.gitignore` says so.
 */
export const junkPatterns = [
  'node_modules/',
  '.venv/',
  'venv/',
  '__pycache__/',
  '*.pyc',
  '.ipynb_checkpoints/',
  '.DS_Store',
  '.pytest_cache/',
  '.mypy_cache/',
] as const;

const secretRules = parseIgnoreFile(secretPatterns.join('\n'), '', { ignoreCase: true });
const junkRules = parseIgnoreFile(junkPatterns.join('\n'));

export function isSecret(path: string, isDirectory: boolean): boolean {
  return ignoredBy(secretRules, path, isDirectory) === true;
}

export function isJunk(path: string, isDirectory: boolean): boolean {
  return ignoredBy(junkRules, path, isDirectory) === true;
}
