import type { AwsClients } from '../aws/clientFactory';
import type { Logger } from '../util/logger';
import { SpecInvalidError } from './errors';
import { ImageCatalog } from './images';
import { defaultBucketName, needsAccount, placeholderValue, resolveDeep, type Path } from './placeholders';
import { bucketState, createBucket, defaultBucketOwner, parseS3Uri } from './s3';
import { isRecord, type SchemaValidator } from './schema';
import type { ParsedSpec, SpecProblem } from './specDocument';
import { trainingDefinitions } from './specFacts';
import { schemaProblems } from './specValidation';

/** Everything a launch needs besides the spec: clients, region, settings, data tables, the user's answers. */
export interface LaunchEnvironment {
  readonly clients: AwsClients;
  readonly region: string;
  identity(): Promise<{ account: string }>;
  /** sagemaker.launch.executionRoleArn, behind `${role}`. */
  readonly role?: string;
  /** Where the user sets the role in this window ("User settings", "Remote settings"). */
  readonly settingsPlace?: string;
  /** sagemaker.launch.tags. */
  readonly settingTags: Readonly<Record<string, string>>;
  readonly images: ImageCatalog;
  /** The schema validator of this spec's kind. */
  readonly validator: SchemaValidator;
  /** The folder of the spec file (relative paths start there). */
  readonly specDir: string;
  /** The workspace folder that holds the spec (the spec's folder when none does): nothing outside it is uploaded. */
  readonly workspaceRoot?: string;
  /**
   * Asked before a folder is uploaded, with what goes where; false cancels the launch. Absent:
   * nobody is asked (the caller has shown it otherwise).
   */
  confirmUpload?(preview: UploadPreview): Promise<boolean>;
  /** Asked before a deployment replaces what an existing endpoint serves; false cancels it, before anything is sent. */
  confirmUpdateEndpoint?(change: EndpointReplacement): Promise<boolean>;
  readonly now?: () => Date;
  /** Asks before creating the default bucket, as the SDK would create it silently. */
  confirmCreateBucket(bucket: string, region: string): Promise<boolean>;
  readonly log?: Logger;
  /** Milliseconds between status checks while waiting (tests shorten it). */
  readonly pollMs?: number;
}

/** What a launch is about to upload from one folder, and where to. */
export interface UploadPreview {
  /** The local folder (absolute). */
  readonly folder: string;
  /** The S3 URI of the package or of the data prefix. */
  readonly destination: string;
  readonly files: number;
  readonly bytes: number;
  /** The largest files (relative paths), largest first. */
  readonly largest: ReadonlyArray<{ readonly path: string; readonly size: number }>;
  readonly secretsLeftOut: readonly string[];
}

/** A deployment to an endpoint that exists: what it serves now, and what replaces it. */
export interface EndpointReplacement {
  readonly region: string;
  readonly endpointName: string;
  readonly currentModels: readonly string[];
  readonly newModel: string;
}

export interface ResolvedSpec {
  readonly value: Record<string, unknown>;
  readonly now: Date;
  readonly account?: string;
  readonly defaultBucket?: string;
}

/** Resolves every placeholder once for this launch and checks the result strictly. */
export async function resolveSpec(spec: ParsedSpec, env: LaunchEnvironment): Promise<ResolvedSpec> {
  if (!isRecord(spec.value)) throw new SpecInvalidError(spec.fileName, spec.syntaxProblems.length ? spec.syntaxProblems : [problemAt(spec, [], 'The spec is empty.')]);
  const now = env.now?.() ?? new Date();
  const account = needsAccount(spec.value) ? (await env.identity()).account : undefined;
  const problems: SpecProblem[] = [];
  const instanceType = firstInstanceType(spec.value);
  const values = {
    now,
    region: env.region,
    account,
    role: env.role,
    settingsPlace: env.settingsPlace,
    image: (arg: string | undefined) => {
      const ref = ImageCatalog.parseArg(arg);
      return ref ? env.images.uri(ref, env.region, instanceType) : { error: 'name the image, e.g. ${image:xgboost:1.7-1}' };
    },
  };
  const resolved = resolveDeep(spec.value, (ref, path) => {
    const answer = placeholderValue(ref, values);
    if ('value' in answer) return answer.value;
    problems.push({ path, message: `\${${ref.name}${ref.arg ? `:${ref.arg}` : ''}}: ${answer.error}.`, severity: 'error', range: spec.rangeInString(path, ref.start, ref.end), source: 'spec' });
    return '';
  }) as Record<string, unknown>;
  if (problems.length === 0) problems.push(...schemaProblems(spec, env.validator.validate(resolved), 'schema'));
  if (problems.length) throw new SpecInvalidError(spec.fileName, problems);
  return { value: resolved, now, account, defaultBucket: account ? defaultBucketName(env.region, account) : undefined };
}

export function problemAt(spec: ParsedSpec, path: Path, message: string): SpecProblem {
  return { path, message, severity: 'error', range: spec.rangeOf(path), source: 'spec' };
}

function firstInstanceType(value: Record<string, unknown>): string | undefined {
  for (const { definition } of trainingDefinitions(value)) {
    const resource = isRecord(definition.ResourceConfig) ? definition.ResourceConfig : undefined;
    if (typeof resource?.InstanceType === 'string') return resource.InstanceType;
  }
  return undefined;
}

/** An S3 URI a launch reads or writes, and where the spec names it. */
export interface BucketUse {
  readonly uri: string;
  readonly path: Path;
}

/**
 * Checks that every bucket the launch touches exists; the SDK's default bucket is created
 * (after asking) when missing, any other missing bucket is an error at the spec line naming it.
 * Returns the buckets created.
 */
export async function prepareBuckets(
  spec: ParsedSpec,
  uses: readonly BucketUse[],
  env: LaunchEnvironment,
  defaultBucket: string | undefined,
  signal?: AbortSignal,
): Promise<string[]> {
  const byBucket = new Map<string, BucketUse>();
  for (const use of uses) {
    const bucket = parseS3Uri(use.uri).bucket;
    if (!byBucket.has(bucket)) byBucket.set(bucket, use);
  }
  const created: string[] = [];
  const problems: SpecProblem[] = [];
  for (const [bucket, use] of byBucket) {
    // A bucket named as a default bucket is used only when that account owns it.
    const owner = defaultBucketOwner(bucket);
    const state = await bucketState(env.clients, env.region, bucket, signal, owner);
    if (state === 'forbidden' && owner) {
      problems.push(
        problemAt(
          spec,
          use.path,
          `The bucket ${bucket} is not owned by account ${owner} (S3 refused access when asked to check the owner): another account may have created a bucket of that name. Nothing was uploaded; use a bucket your account owns.`,
        ),
      );
    } else if (state === 'forbidden') {
      env.log?.warn(`Could not check the bucket ${bucket} (access denied); the launch continues, the execution role may still reach it.`);
    } else if (state === 'missing') {
      if (bucket === defaultBucket) {
        if (!(await env.confirmCreateBucket(bucket, env.region))) {
          problems.push(problemAt(spec, use.path, `The default bucket ${bucket} does not exist, and creating it was declined.`));
          continue;
        }
        try {
          await createBucket(env.clients, env.region, bucket, signal);
        } catch (error) {
          if ((error as { name?: string }).name !== 'BucketAlreadyExists') throw error;
          problems.push(problemAt(spec, use.path, `The bucket ${bucket} was just created by another account; nothing was uploaded. Use a bucket your account owns.`));
          continue;
        }
        created.push(bucket);
      } else {
        problems.push(problemAt(spec, use.path, `The bucket ${bucket} does not exist (or belongs to another account).`));
      }
    }
  }
  if (problems.length) throw new SpecInvalidError(spec.fileName, problems);
  return created;
}

/** The S3 URIs a training or tuning spec names, with their paths. */
export function jobBucketUses(value: Record<string, unknown>): BucketUse[] {
  const uses: BucketUse[] = [];
  const add = (uri: unknown, path: Path): void => {
    if (typeof uri === 'string' && uri.startsWith('s3://')) uses.push({ uri, path });
  };
  for (const { path, definition } of trainingDefinitions(value)) {
    const output = isRecord(definition.OutputDataConfig) ? definition.OutputDataConfig : {};
    add(output.S3OutputPath, [...path, 'OutputDataConfig', 'S3OutputPath']);
    const checkpoint = isRecord(definition.CheckpointConfig) ? definition.CheckpointConfig : {};
    add(checkpoint.S3Uri, [...path, 'CheckpointConfig', 'S3Uri']);
    const channels = Array.isArray(definition.InputDataConfig) ? definition.InputDataConfig : [];
    channels.forEach((channel, index) => {
      const source = (channel as { DataSource?: { S3DataSource?: { S3Uri?: unknown } } } | undefined)?.DataSource?.S3DataSource;
      add(source?.S3Uri, [...path, 'InputDataConfig', index, 'DataSource', 'S3DataSource', 'S3Uri']);
    });
  }
  const source = isRecord(value.Source) ? value.Source : {};
  add(source.S3Uri, ['Source', 'S3Uri']);
  return uses;
}
