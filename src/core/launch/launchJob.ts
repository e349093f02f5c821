import type {
  CreateHyperParameterTuningJobRequest,
  CreateTrainingJobRequest,
  DescribeHyperParameterTuningJobResponse,
  DescribeTrainingJobResponse,
} from '@aws-sdk/client-sagemaker';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import { isCancellation, throwIfAborted } from '../util/cancellation';
import { createOnce, NotOursError } from './createOnce';
import { LaunchCancelledError, SpecInvalidError, type LaunchArtifact } from './errors';
import { jobBucketUses, prepareBuckets, problemAt, resolveSpec, type LaunchEnvironment, type UploadPreview } from './launchPlan';
import { defaultBucketName } from './placeholders';
import { uploadFolder } from './packaging/dataUpload';
import { listSourceFiles, type SourceListing } from './packaging/sourceFiles';
import { uploadSourcePackage } from './packaging/sourcePackage';
import { deleteObject, headObject, ownedLocation, s3Uri, type S3Location } from './s3';
import { isRecord } from './schema';
import { locateServiceError } from './serviceErrors';
import type { ParsedSpec, SpecProblem } from './specDocument';
import { trainingDefinitions } from './specFacts';
import { escapingPathProblems } from './specValidation';
import { launchIdTagKey, mergeTags, trainingRequest, tuningRequest, type ScriptMode } from './specRequests';

export type LaunchProgress = (message: string, fraction?: number) => void;

export interface LaunchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: LaunchProgress;
  /** This launch's id (tagged on the job, in the package's key); a fresh one when absent. */
  readonly launchId?: string;
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
 * placeholders once, checks that local paths stay in the workspace and that the job name is
 * free, shows what will be uploaded (and asks, through the environment), checks the buckets,
 * uploads local channel data and the source package (under a key of this launch's own), then
 * creates the job exactly once. A launch deletes only what it created itself.
 */
export async function launchJob(spec: ParsedSpec, env: LaunchEnvironment, options: LaunchOptions = {}): Promise<JobLaunch> {
  if (spec.kind === 'deploy') throw new Error('Deploy specs are launched with deploy().');
  const { signal } = options;
  const progress = options.onProgress ?? (() => undefined);
  const launchId = options.launchId ?? randomBytes(6).toString('hex');
  progress('Resolving the spec');
  const plan = await resolveSpec(spec, env);
  const value = plan.value;
  const nameMember = spec.kind === 'training' ? 'TrainingJobName' : 'HyperParameterTuningJobName';
  const name = String(value[nameMember]);

  const escaping = await escapingPathProblems(spec, value, env.workspaceRoot ?? env.specDir, env.specDir);
  if (escaping.length) throw new SpecInvalidError(spec.fileName, escaping);

  // A fixed name that is taken would be refused at create time: say so before uploading anything.
  progress(`Checking that ${name} is free`);
  if (await describeJob(spec.kind, env, name, signal)) {
    throw new SpecInvalidError(spec.fileName, [problemAt(spec, [nameMember], `A ${spec.kind === 'training' ? 'training' : 'tuning'} job named ${name} already exists in ${env.region}: give this launch another name (for example with \${timestamp}).`)]);
  }

  const source = isRecord(value.Source) ? value.Source : undefined;
  const defaultBucket = plan.defaultBucket ?? (source && !source.S3Uri ? defaultBucketName(env.region, (await env.identity()).account) : undefined);
  const sourceTarget = source ? sourceLocation(source, name, launchId, defaultBucket) : undefined;

  const channels = localChannels(value).map((channel) => ({ ...channel, absolute: resolve(env.specDir, channel.localPath) }));
  progress('Listing the files to upload');
  const channelListings = new Map<string, SourceListing>();
  for (const channel of channels) {
    const listing = await listSourceFiles(channel.absolute, { gitignore: false, signal });
    channelListings.set(channel.absolute + channel.uri, listing);
    await confirmUpload(env, channel.absolute, channel.uri, listing);
  }
  let sourceListing: SourceListing | undefined;
  if (source && sourceTarget) {
    const directory = resolve(env.specDir, String(source.Directory));
    sourceListing = await listSourceFiles(directory, { excludes: Array.isArray(source.Exclude) ? source.Exclude.map(String) : [], signal });
    await confirmUpload(env, directory, s3Uri(sourceTarget), sourceListing);
  }

  progress('Checking buckets');
  const uses = jobBucketUses(value);
  if (sourceTarget && !source?.S3Uri) uses.push({ uri: s3Uri(sourceTarget), path: ['Source'] });
  const bucketsCreated = await prepareBuckets(spec, uses, env, defaultBucket, signal);

  const leftBehind: LaunchArtifact[] = bucketsCreated.map((bucket) => ({ kind: 'bucket', name: `s3://${bucket}` }));
  const dataUploads: Array<JobLaunch['dataUploads'][number]> = [];
  let createdSource: S3Location | undefined;
  try {
    for (const { localPath, uri, absolute } of channels) {
      throwIfAborted(signal);
      progress(`Uploading ${localPath} to ${uri}`);
      const result = await uploadFolder(env.clients, env.region, absolute, ownedLocation(uri), {
        signal,
        listing: channelListings.get(absolute + uri),
        onProgress: (p) => progress(`Uploading ${localPath}: ${p.files}/${p.totalFiles} files`),
      });
      dataUploads.push({ localPath, uri, uploaded: result.uploaded, unchanged: result.unchanged });
      if (result.uploaded) leftBehind.push({ kind: 'data', name: uri });
    }

    let script: ScriptMode | undefined;
    let sourceFiles: number | undefined;
    let secretsLeftOut: readonly string[] = [];
    if (source && sourceTarget && sourceListing) {
      progress('Packing the source folder');
      // Only a package this launch put where nothing was is ever deleted by it.
      const client = await env.clients.s3(env.region);
      if (!(await headObject(client, sourceTarget, signal))) createdSource = sourceTarget;
      const result = await uploadSourcePackage(env.clients, env.region, {
        directory: sourceListing.root,
        listing: sourceListing,
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
    const tags = mergeTags(value.Tags, env.settingTags, launchId);
    const request = spec.kind === 'training' ? trainingRequest(env.validator, value, tags, script) : tuningRequest(env.validator, value, tags, script);
    progress(`Creating ${spec.kind === 'training' ? 'training' : 'tuning'} job ${name}`);
    const created = await createJob(spec, env, request, name, launchId);
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
    // Nothing was created: the package would only be an orphan. Never delete what was there before.
    if (createdSource) await deleteObject(env.clients, env.region, createdSource).catch(() => undefined);
    if (isCancellation(error)) throw new LaunchCancelledError(leftBehind);
    throw error;
  }
}

/** Asks (through the environment) before a folder is uploaded; declining cancels the launch. */
async function confirmUpload(env: LaunchEnvironment, folder: string, destination: string, listing: SourceListing): Promise<void> {
  if (!env.confirmUpload) return;
  const largest = [...listing.files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, 5).map((file) => ({ path: file.path, size: file.size }));
  const preview: UploadPreview = { folder, destination, files: listing.files.length, bytes: listing.totalBytes, largest, secretsLeftOut: listing.secretsLeftOut };
  if (!(await env.confirmUpload(preview))) throw new LaunchCancelledError([]);
}

/**
 * Where the package goes: Source.S3Uri (a `.tar.gz` key as given; a prefix gets the SDK's layout),
 * else the SDK's default bucket, always under a folder of this launch (`<job>/source/<launch id>/`)
 * so that no other launch's package is ever overwritten or deleted.
 */
function sourceLocation(source: Record<string, unknown>, jobName: string, launchId: string, defaultBucket: string | undefined): S3Location {
  if (typeof source.S3Uri === 'string') {
    const location = ownedLocation(source.S3Uri);
    return location.key.endsWith('.tar.gz') ? location : { ...location, key: `${location.key.replace(/\/?$/, '/')}${jobName}/source/${launchId}/sourcedir.tar.gz`.replace(/^\//, '') };
  }
  return ownedLocation(`s3://${defaultBucket!}/${jobName}/source/${launchId}/sourcedir.tar.gz`);
}

/** Whether the resource carries this launch's id tag (the proof that this launch created it). */
export async function carriesLaunchId(clients: LaunchEnvironment['clients'], region: string, arn: string | undefined, launchId: string): Promise<boolean> {
  if (!arn) return false;
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const answer = await client.send(new sagemaker.ListTagsCommand({ ResourceArn: arn, MaxResults: 100 }));
  return (answer.Tags ?? []).some((tag) => tag.Key === launchIdTagKey && tag.Value === launchId);
}

async function describeJob(
  kind: 'training' | 'tuning',
  env: LaunchEnvironment,
  name: string,
  signal?: AbortSignal,
): Promise<DescribeTrainingJobResponse | DescribeHyperParameterTuningJobResponse | undefined> {
  const { sagemaker } = await loadSdk();
  const client = await env.clients.sagemaker(env.region);
  try {
    return kind === 'training'
      ? await client.send(new sagemaker.DescribeTrainingJobCommand({ TrainingJobName: name }), { abortSignal: signal })
      : await client.send(new sagemaker.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), { abortSignal: signal });
  } catch (error) {
    if (classifyAwsError(error).kind === 'notFound') return undefined;
    throw error;
  }
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
  launchId: string,
): Promise<{ recovered: boolean }> {
  const { sagemaker } = await loadSdk();
  const once = await env.clients.sagemaker(env.region, { maxAttempts: 1 });
  try {
    const result = await createOnce({
      create: () =>
        spec.kind === 'training'
          ? once.send(new sagemaker.CreateTrainingJobCommand(request as CreateTrainingJobRequest))
          : once.send(new sagemaker.CreateHyperParameterTuningJobCommand(request as CreateHyperParameterTuningJobRequest)),
      describe: () => describeJob(spec.kind as 'training' | 'tuning', env, name),
      // The job found is this launch's only if it carries this launch's id.
      isOurs: (described) => carriesLaunchId(env.clients, env.region, 'TrainingJobArn' in described ? described.TrainingJobArn : described.HyperParameterTuningJobArn, launchId),
    });
    return { recovered: result.recovered };
  } catch (error) {
    if (error instanceof NotOursError) {
      const member = spec.kind === 'training' ? 'TrainingJobName' : 'HyperParameterTuningJobName';
      throw new SpecInvalidError(spec.fileName, [
        problemAt(spec, [member], `The create of ${name} lost its answer, and the job of that name that exists was not created by this launch: give this launch another name.`),
      ]);
    }
    const located = locateServiceError(error, request);
    if (located.length) {
      const problems: SpecProblem[] = located.map(({ path, message }) => ({ path, message, severity: 'error', range: spec.rangeOf(path), source: 'service' }));
      throw Object.assign(new SpecInvalidError(spec.fileName, problems), { cause: error });
    }
    throw error;
  }
}
