import type { CreateHyperParameterTuningJobRequest, CreateTrainingJobRequest } from '@aws-sdk/client-sagemaker';
import { join } from 'node:path';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import { isCancellation, throwIfAborted } from '../util/cancellation';
import { createOnce } from './createOnce';
import { LaunchCancelledError, SpecInvalidError, type LaunchArtifact } from './errors';
import { jobBucketUses, prepareBuckets, resolveSpec, type LaunchEnvironment } from './launchPlan';
import { defaultBucketName } from './placeholders';
import { uploadFolder } from './packaging/dataUpload';
import { uploadSourcePackage } from './packaging/sourcePackage';
import { deleteObject, parseS3Uri, s3Uri, type S3Location } from './s3';
import { isRecord } from './schema';
import { locateServiceError } from './serviceErrors';
import type { ParsedSpec, SpecProblem } from './specDocument';
import { trainingDefinitions } from './specFacts';
import { mergeTags, trainingRequest, tuningRequest, type ScriptMode } from './specRequests';

export type LaunchProgress = (message: string, fraction?: number) => void;

export interface LaunchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: LaunchProgress;
}

export interface JobLaunch {
  readonly kind: 'training' | 'tuning';
  readonly region: string;
  readonly name: string;
  readonly request: CreateTrainingJobRequest | CreateHyperParameterTuningJobRequest;
  readonly sourceUri?: string;
  readonly sourceFiles?: number;
  readonly secretsLeftOut: readonly string[];
  readonly dataUploads: ReadonlyArray<{ readonly localPath: string; readonly uri: string; readonly uploaded: number; readonly unchanged: number }>;
  readonly bucketsCreated: readonly string[];
  /** The create's answer was lost and Describe confirmed it. */
  readonly recovered: boolean;
}

const megabyte = 1024 * 1024;

/**
 * Launches a training or tuning spec, as `estimator.fit()` / `tuner.fit()` do: resolves the
 * placeholders once, checks the buckets, uploads local channel data and the source package,
 * then creates the job exactly once. Cancelling before the create removes the uploaded package.
 */
export async function launchJob(spec: ParsedSpec, env: LaunchEnvironment, options: LaunchOptions = {}): Promise<JobLaunch> {
  if (spec.kind === 'deploy') throw new Error('Deploy specs are launched with deploy().');
  const { signal } = options;
  const progress = options.onProgress ?? (() => undefined);
  progress('Resolving the spec');
  const plan = await resolveSpec(spec, env);
  const value = plan.value;
  const name = String(spec.kind === 'training' ? value.TrainingJobName : value.HyperParameterTuningJobName);
  const source = isRecord(value.Source) ? value.Source : undefined;
  const defaultBucket = plan.defaultBucket ?? (source && !source.S3Uri ? defaultBucketName(env.region, (await env.identity()).account) : undefined);
  const sourceTarget = source ? sourceLocation(source, name, defaultBucket) : undefined;

  progress('Checking buckets');
  const uses = jobBucketUses(value);
  if (sourceTarget && !source?.S3Uri) uses.push({ uri: s3Uri(sourceTarget), path: ['Source'] });
  const bucketsCreated = await prepareBuckets(spec, uses, env, defaultBucket, signal);

  const leftBehind: LaunchArtifact[] = bucketsCreated.map((bucket) => ({ kind: 'bucket', name: `s3://${bucket}` }));
  const dataUploads: Array<JobLaunch['dataUploads'][number]> = [];
  let uploadedSource: S3Location | undefined;
  try {
    for (const { localPath, uri } of localChannels(value)) {
      throwIfAborted(signal);
      progress(`Uploading ${localPath} to ${uri}`);
      const result = await uploadFolder(env.clients, env.region, join(env.specDir, localPath), parseS3Uri(uri), {
        signal,
        onProgress: (p) => progress(`Uploading ${localPath}: ${p.files}/${p.totalFiles} files`),
      });
      dataUploads.push({ localPath, uri, uploaded: result.uploaded, unchanged: result.unchanged });
      if (result.uploaded) leftBehind.push({ kind: 'data', name: uri });
    }

    let script: ScriptMode | undefined;
    let sourceFiles: number | undefined;
    let secretsLeftOut: readonly string[] = [];
    if (source && sourceTarget) {
      progress('Packing the source folder');
      uploadedSource = sourceTarget;
      const result = await uploadSourcePackage(env.clients, env.region, {
        directory: join(env.specDir, String(source.Directory)),
        excludes: Array.isArray(source.Exclude) ? source.Exclude.map(String) : [],
        target: sourceTarget,
        signal,
        onProgress: (p) =>
          progress(
            `Packing and uploading ${p.files}/${p.totalFiles} files (${(p.bytes / megabyte).toFixed(1)} of ${(p.totalBytes / megabyte).toFixed(1)} MB)`,
            p.totalBytes ? p.bytes / p.totalBytes : undefined,
          ),
      });
      sourceFiles = result.files;
      secretsLeftOut = result.secretsLeftOut;
      script = { entryPoint: String(source.EntryPoint), submitDirectory: s3Uri(sourceTarget) };
    }

    throwIfAborted(signal);
    const tags = mergeTags(value.Tags, env.settingTags);
    const request = spec.kind === 'training' ? trainingRequest(env.validator, value, tags, script) : tuningRequest(env.validator, value, tags, script);
    progress(`Creating ${spec.kind === 'training' ? 'training' : 'tuning'} job ${name}`);
    const created = await createJob(spec, env, request, name);
    return {
      kind: spec.kind,
      region: env.region,
      name,
      request,
      sourceUri: sourceTarget && s3Uri(sourceTarget),
      sourceFiles,
      secretsLeftOut,
      dataUploads,
      bucketsCreated,
      recovered: created.recovered,
    };
  } catch (error) {
    // Nothing was created: the package would only be an orphan.
    if (uploadedSource) await deleteObject(env.clients, env.region, uploadedSource).catch(() => undefined);
    if (isCancellation(error)) throw new LaunchCancelledError(leftBehind);
    throw error;
  }
}

/** Where the package goes: Source.S3Uri, else the SDK's `s3://<default bucket>/<job>/source/sourcedir.tar.gz`. */
function sourceLocation(source: Record<string, unknown>, jobName: string, defaultBucket: string | undefined): S3Location {
  if (typeof source.S3Uri === 'string') {
    const location = parseS3Uri(source.S3Uri);
    return location.key.endsWith('.tar.gz') ? location : { bucket: location.bucket, key: `${location.key.replace(/\/?$/, '/')}sourcedir.tar.gz` };
  }
  return { bucket: defaultBucket!, key: `${jobName}/source/sourcedir.tar.gz` };
}

function localChannels(value: Record<string, unknown>): Array<{ localPath: string; uri: string }> {
  const found: Array<{ localPath: string; uri: string }> = [];
  const seen = new Set<string>();
  for (const { definition } of trainingDefinitions(value)) {
    const channels = Array.isArray(definition.InputDataConfig) ? definition.InputDataConfig : [];
    for (const channel of channels) {
      if (!isRecord(channel) || typeof channel.LocalPath !== 'string') continue;
      const uri = (channel.DataSource as { S3DataSource?: { S3Uri?: unknown } } | undefined)?.S3DataSource?.S3Uri;
      if (typeof uri !== 'string' || seen.has(`${channel.LocalPath}|${uri}`)) continue;
      seen.add(`${channel.LocalPath}|${uri}`);
      found.push({ localPath: channel.LocalPath, uri });
    }
  }
  return found;
}

async function createJob(
  spec: ParsedSpec,
  env: LaunchEnvironment,
  request: CreateTrainingJobRequest | CreateHyperParameterTuningJobRequest,
  name: string,
): Promise<{ recovered: boolean }> {
  const { sagemaker } = await loadSdk();
  const once = await env.clients.sagemaker(env.region, { maxAttempts: 1 });
  const client = await env.clients.sagemaker(env.region);
  try {
    const result = await createOnce({
      create: () =>
        spec.kind === 'training'
          ? once.send(new sagemaker.CreateTrainingJobCommand(request as CreateTrainingJobRequest))
          : once.send(new sagemaker.CreateHyperParameterTuningJobCommand(request as CreateHyperParameterTuningJobRequest)),
      describe: async () => {
        try {
          return spec.kind === 'training'
            ? await client.send(new sagemaker.DescribeTrainingJobCommand({ TrainingJobName: name }))
            : await client.send(new sagemaker.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
        } catch (error) {
          if (classifyAwsError(error).kind === 'notFound') return undefined;
          throw error;
        }
      },
    });
    return { recovered: result.recovered };
  } catch (error) {
    const located = locateServiceError(error, request);
    if (located.length) {
      const problems: SpecProblem[] = located.map(({ path, message }) => ({ path, message, severity: 'error', range: spec.rangeOf(path), source: 'service' }));
      throw Object.assign(new SpecInvalidError(spec.fileName, problems), { cause: error });
    }
    throw error;
  }
}
