import { sdkTimestamp, shortTimestamp } from './naming';

/**
 * Placeholders in spec strings, for what differs per account and per launch:
 * `${timestamp}`, `${shortTimestamp}`, `${region}`, `${account}`, `${defaultBucket}`, `${role}`
 * and `${image:<algorithm>[:<version>]}`. `$${` writes a literal `${`.
 */
export const placeholderNames = ['timestamp', 'shortTimestamp', 'region', 'account', 'defaultBucket', 'role', 'image'] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

export const placeholderDocs: Record<PlaceholderName, string> = {
  timestamp: 'The launch time as the SageMaker Python SDK writes it in names: yyyy-mm-dd-HH-MM-SS-mmm (UTC). The same everywhere in one launch.',
  shortTimestamp: 'A short launch time, yymmdd-HHMMSS (UTC), for names limited to 32 characters such as tuning jobs.',
  region: 'The region the launch goes to (the SageMaker view\'s region).',
  account: 'The AWS account id of the current credentials (STS GetCallerIdentity).',
  defaultBucket: 'The SageMaker default bucket, sagemaker-<region>-<account>; created (after asking) if it does not exist.',
  role: 'The execution role from the setting sagemaker.launch.executionRoleArn.',
  image: 'The image URI of a built-in algorithm or framework container in the launch region, e.g. ${image:xgboost:1.7-1} or ${image:pytorch-training:2.8.0:gpu}.',
};

export interface PlaceholderRef {
  readonly name: string;
  /** What follows the first colon: `xgboost:1.7-1` in `${image:xgboost:1.7-1}`. */
  readonly arg?: string;
  /** Offsets of `${` and just after `}` within the string. */
  readonly start: number;
  readonly end: number;
}

const pattern = /\$?\$\{([^}:]*)(?::([^}]*))?\}/g;

export function placeholdersIn(text: string): PlaceholderRef[] {
  const refs: PlaceholderRef[] = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].startsWith('$$')) continue;
    refs.push({ name: match[1]!, arg: match[2], start: match.index, end: match.index + match[0].length });
  }
  return refs;
}

export type Path = ReadonlyArray<string | number>;

/** Calls `visit` with every string in a parsed spec, keys excluded, and its path. */
export function forEachString(value: unknown, visit: (text: string, path: Path) => void, path: Path = []): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => forEachString(item, visit, [...path, index]));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) forEachString(item, visit, [...path, key]);
  }
}

/** Thrown when a placeholder cannot be resolved; `path` and offsets say where. */
export class PlaceholderError extends Error {
  override readonly name = 'PlaceholderError';
  constructor(
    message: string,
    readonly path: Path,
    readonly ref: PlaceholderRef,
  ) {
    super(message);
  }
}

/** Replaces every placeholder in every string of `value` (a deep copy is returned). */
export function resolveDeep(value: unknown, resolveOne: (ref: PlaceholderRef, path: Path) => string, path: Path = []): unknown {
  if (typeof value === 'string') return resolveString(value, (ref) => resolveOne(ref, path));
  if (Array.isArray(value)) return value.map((item, index) => resolveDeep(item, resolveOne, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDeep(item, resolveOne, [...path, key])]));
  }
  return value;
}

export function resolveString(text: string, resolveOne: (ref: PlaceholderRef) => string): string {
  return text.replace(pattern, (whole: string, name: string, arg: string | undefined, offset: number) => {
    if (whole.startsWith('$$')) return whole.slice(1);
    return resolveOne({ name, arg, start: offset, end: offset + whole.length });
  });
}

/** What placeholders stand for in one launch. Unknown values make their placeholder an error. */
export interface PlaceholderValues {
  readonly now: Date;
  readonly region: string;
  readonly account?: string;
  readonly role?: string;
  /** Where the user sets the role in this window ("User settings", "Remote settings"). */
  readonly settingsPlace?: string;
  /** Resolves `${image:...}`; returns an error message instead of a URI when it cannot. */
  readonly image?: (arg: string | undefined) => { uri: string } | { error: string };
}

/** The value of one placeholder, or why it has none. */
export function placeholderValue(ref: PlaceholderRef, values: PlaceholderValues): { value: string } | { error: string } {
  switch (ref.name) {
    case 'timestamp':
      return { value: sdkTimestamp(values.now) };
    case 'shortTimestamp':
      return { value: shortTimestamp(values.now) };
    case 'region':
      return { value: values.region };
    case 'account':
      return values.account ? { value: values.account } : { error: 'the AWS account id is not known (the credentials could not be checked)' };
    case 'defaultBucket':
      return values.account
        ? { value: defaultBucketName(values.region, values.account) }
        : { error: 'the default bucket needs the AWS account id, which is not known (the credentials could not be checked)' };
    case 'role':
      return values.role
        ? { value: values.role }
        : { error: missingRoleMessage(values.settingsPlace) };
    case 'image': {
      if (!values.image) return { error: 'the image table is not loaded' };
      const answer = values.image(ref.arg);
      return 'uri' in answer ? { value: answer.uri } : answer;
    }
    default:
      return { error: `unknown placeholder \${${ref.name}}; known: ${placeholderNames.map((name) => `\${${name}}`).join(', ')}` };
  }
}

/** Why `${role}` has no value, and where to set it (default: the user settings of a local window). */
export function missingRoleMessage(settingsPlace = 'User settings'): string {
  return `\${role} needs an execution role: set sagemaker.launch.executionRoleArn in your ${settingsPlace}, or write the role ARN here`;
}

/** The SageMaker Python SDK's default bucket. */
export function defaultBucketName(region: string, account: string): string {
  return `sagemaker-${region}-${account}`;
}

/** Whether anything in the spec needs the account id (an STS call). */
export function needsAccount(value: unknown): boolean {
  let needed = false;
  forEachString(value, (text) => {
    if (placeholdersIn(text).some((ref) => ref.name === 'account' || ref.name === 'defaultBucket')) needed = true;
  });
  return needed;
}
