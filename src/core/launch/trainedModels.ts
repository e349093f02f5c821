import type { DescribeTrainingJobResponse, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { describeTrainingJob } from '../resources/trainingJobs';
import { describeTuningJob } from '../resources/tuningJobs';
import { throwIfAborted } from '../util/cancellation';
import type { ImageCatalog } from './images';
import type { TrainedModel } from './specRequests';

/** What a deploy spec's `From` names. */
export type ModelSource =
  | { readonly trainingJob: string }
  | { readonly tuningJob: string }
  | { readonly latestTrainingJob: string }
  | { readonly latestTuningJob: string };

/** `From.ModelName`: a model that already exists, served as it is. */
export function existingModelOf(from: unknown): string | undefined {
  const name = (from as { ModelName?: unknown } | undefined)?.ModelName;
  return typeof name === 'string' && name ? name : undefined;
}

export function modelSourceOf(from: unknown): ModelSource | undefined {
  if (!from || typeof from !== 'object') return undefined;
  const value = from as Record<string, unknown>;
  if (typeof value.TrainingJobName === 'string') return { trainingJob: value.TrainingJobName };
  if (typeof value.TuningJobName === 'string') return { tuningJob: value.TuningJobName };
  if (typeof value.LatestTrainingJob === 'string') return { latestTrainingJob: value.LatestTrainingJob };
  if (typeof value.LatestTuningJob === 'string') return { latestTuningJob: value.LatestTuningJob };
  return undefined;
}

/** Why a model cannot be deployed from what `From` names. */
export class ModelSourceError extends Error {
  override readonly name = 'ModelSourceError';
}

/** The completed training job behind a model source, and what serving it needs. */
export async function findTrainedModel(
  clients: AwsClients,
  region: string,
  source: ModelSource,
  images: ImageCatalog,
  servingInstanceType: string | undefined,
  signal?: AbortSignal,
): Promise<TrainedModel> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  let jobName: string;
  if ('trainingJob' in source) jobName = source.trainingJob;
  else if ('tuningJob' in source) jobName = await bestTrainingJob(client, source.tuningJob, signal);
  else if ('latestTrainingJob' in source) jobName = await latestCompleted(client, 'training', source.latestTrainingJob, signal);
  else jobName = await bestTrainingJob(client, await latestCompleted(client, 'tuning', source.latestTuningJob, signal), signal);

  const job = await client.send(new sagemaker.DescribeTrainingJobCommand({ TrainingJobName: jobName }), { abortSignal: signal });
  return trainedModelOf(job, images, region, servingInstanceType);
}

export function trainedModelOf(job: DescribeTrainingJobResponse, images: ImageCatalog, region: string, servingInstanceType?: string): TrainedModel {
  const name = job.TrainingJobName ?? '';
  if (job.TrainingJobStatus !== 'Completed') {
    throw new ModelSourceError(`Training job ${name} is ${job.TrainingJobStatus ?? 'in an unknown state'}; only a Completed job has a model to deploy.`);
  }
  const modelDataUrl = job.ModelArtifacts?.S3ModelArtifacts;
  if (!modelDataUrl) throw new ModelSourceError(`Training job ${name} has no model artifacts.`);
  const trainingImage = job.AlgorithmSpecification?.TrainingImage;
  return {
    trainingJobName: name,
    modelDataUrl,
    trainingImage,
    inferenceImage: trainingImage ? images.inferenceImageFor(trainingImage, region, servingInstanceType) : undefined,
    hyperParameters: job.HyperParameters ?? {},
  };
}

async function bestTrainingJob(client: SageMakerClient, tuningJob: string, signal?: AbortSignal): Promise<string> {
  const { sagemaker } = await loadSdk();
  const tuning = await client.send(new sagemaker.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: tuningJob }), { abortSignal: signal });
  const best = tuning.BestTrainingJob?.TrainingJobName;
  if (!best) {
    throw new ModelSourceError(`Tuning job ${tuningJob} (${tuning.HyperParameterTuningJobStatus ?? 'unknown'}) has no best training job yet.`);
  }
  return best;
}

/**
 * The newest Completed job named `<base>-…`. The service filters by status after applying
 * MaxResults, so pages can be empty while more follow: keep paging.
 */
async function latestCompleted(client: SageMakerClient, kind: 'training' | 'tuning', base: string, signal?: AbortSignal): Promise<string> {
  const { sagemaker } = await loadSdk();
  const matches = (name: string | undefined): boolean => name === base || (name?.startsWith(`${base}-`) ?? false);
  let token: string | undefined;
  for (let page = 0; page < 50; page++) {
    throwIfAborted(signal);
    const common = { NameContains: base, StatusEquals: 'Completed' as const, SortBy: 'CreationTime' as const, SortOrder: 'Descending' as const, MaxResults: 100, NextToken: token };
    if (kind === 'training') {
      const answer = await client.send(new sagemaker.ListTrainingJobsCommand(common), { abortSignal: signal });
      const found = answer.TrainingJobSummaries?.find((job) => matches(job.TrainingJobName));
      if (found?.TrainingJobName) return found.TrainingJobName;
      token = answer.NextToken;
    } else {
      const answer = await client.send(new sagemaker.ListHyperParameterTuningJobsCommand(common), { abortSignal: signal });
      const found = answer.HyperParameterTuningJobSummaries?.find((job) => matches(job.HyperParameterTuningJobName));
      if (found?.HyperParameterTuningJobName) return found.HyperParameterTuningJobName;
      token = answer.NextToken;
    }
    if (!token) break;
  }
  throw new ModelSourceError(`No completed ${kind} job named ${base}-… in this region yet; launch the ${kind} spec first.`);
}

/** The execution role a training job ran with (for a tuning job: its training definition's). */
export async function executionRoleOfJob(clients: AwsClients, region: string, kind: 'trainingJob' | 'tuningJob', name: string, signal?: AbortSignal): Promise<string | undefined> {
  if (kind === 'trainingJob') return (await describeTrainingJob(clients, region, name, signal)).RoleArn;
  const tuning = await describeTuningJob(clients, region, name, signal);
  return (tuning.TrainingJobDefinition ?? tuning.TrainingJobDefinitions?.[0])?.RoleArn;
}
