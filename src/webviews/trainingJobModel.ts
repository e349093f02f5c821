import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import { isTerminalJobStatus } from '../core/resources/jobs';
import { statusTone } from '../core/resources/status';
import { formatInstances, toTrainingJob, trainingJobCost, trainingJobDuration } from '../core/resources/trainingJobs';
import { formatDateTime, formatDuration, formatUsd } from '../core/util/format';
import type { Row, TrainingJobView } from './protocol';

const rows = (entries: ReadonlyArray<readonly [string, string | number | boolean | undefined]>): Row[] =>
  entries.flatMap(([label, value]) => (value === undefined || value === '' ? [] : [[label, typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)] as const]));

const seconds = (value: number | undefined): string | undefined => (value === undefined ? undefined : formatDuration(value * 1000));

/** What the training job panel shows, from DescribeTrainingJob (pure: unit-tested without VS Code). */
export function trainingJobView(region: string, answer: DescribeTrainingJobResponse, prices: PriceCatalog, now = Date.now()): TrainingJobView {
  const job = toTrainingJob(region, answer);
  const cost = trainingJobCost(job, prices, now);
  const algorithm = answer.AlgorithmSpecification;
  const resources = answer.ResourceConfig;
  const stopping = answer.StoppingCondition;
  const costText = cost
    ? `${cost.estimate ? '≈ ' : ''}${formatUsd(cost.usd)}${cost.final ? '' : ' so far'} (${cost.rate}${cost.note ? `; ${cost.note}` : ''})`
    : job.instances.length > 0
      ? 'unknown (no price for this instance type)'
      : undefined;
  return {
    name: job.name,
    region,
    status: job.secondaryStatus && !isTerminalJobStatus(job.status) ? `${job.status} · ${job.secondaryStatus}` : job.status,
    statusTone: statusTone('trainingJob', job.status),
    failureReason: job.failureReason,
    summary: rows([
      ['Status', job.status],
      ['Secondary status', job.secondaryStatus],
      ['Created', formatDateTime(job.created)],
      ['Training started', job.trainingStart && formatDateTime(job.trainingStart)],
      ['Training ended', job.trainingEnd && formatDateTime(job.trainingEnd)],
      ['Duration', formatDuration(trainingJobDuration(job, now))],
      ['Instances', formatInstances(job.instances)],
      ['Managed spot training', job.spot],
      ['Training time', seconds(job.trainingSeconds)],
      ['Billable time', seconds(job.billableSeconds)],
      ['Spot savings', job.spot && job.trainingSeconds && job.billableSeconds !== undefined ? `${Math.round((1 - job.billableSeconds / job.trainingSeconds) * 100)}%` : undefined],
      ['Cost', costText],
      ['Region', region],
      ['ARN', job.arn],
    ]),
    configuration: rows([
      ['Algorithm', algorithm?.AlgorithmName],
      ['Training image', algorithm?.TrainingImage],
      ['Input mode', algorithm?.TrainingInputMode],
      ['Instance type', resources?.InstanceType],
      ['Instance count', resources?.InstanceCount],
      ['Volume size', resources?.VolumeSizeInGB !== undefined ? `${resources.VolumeSizeInGB} GB` : undefined],
      ['Keep-alive (warm pool)', resources?.KeepAlivePeriodInSeconds ? seconds(resources.KeepAlivePeriodInSeconds) : undefined],
      ['Max runtime', seconds(stopping?.MaxRuntimeInSeconds)],
      ['Max wait', seconds(stopping?.MaxWaitTimeInSeconds)],
      ['Role', answer.RoleArn],
      ['VPC subnets', answer.VpcConfig?.Subnets?.join(', ')],
      ['Network isolation', answer.EnableNetworkIsolation],
      ['Inter-container encryption', answer.EnableInterContainerTrafficEncryption],
      ['Tuning job', answer.TuningJobArn?.split('/').pop()],
    ]),
    hyperParameters: Object.entries(answer.HyperParameters ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, value] as const),
    inputs: (answer.InputDataConfig ?? []).map(
      (channel) =>
        [
          channel.ChannelName ?? 'channel',
          [
            channel.DataSource?.S3DataSource?.S3Uri ?? channel.DataSource?.FileSystemDataSource?.DirectoryPath ?? '(not S3)',
            channel.ContentType,
            channel.DataSource?.S3DataSource?.S3DataDistributionType,
          ]
            .filter(Boolean)
            .join(' · '),
        ] as const,
    ),
    outputs: rows([
      ['Output path', answer.OutputDataConfig?.S3OutputPath],
      ['Model artifacts', answer.ModelArtifacts?.S3ModelArtifacts],
      ['Checkpoints', answer.CheckpointConfig?.S3Uri],
      ['TensorBoard output', answer.TensorBoardOutputConfig?.S3OutputPath],
    ]),
    timeline: (answer.SecondaryStatusTransitions ?? []).map((transition) => ({
      status: transition.Status ?? 'Unknown',
      start: transition.StartTime?.getTime() ?? 0,
      end: transition.EndTime?.getTime(),
      message: transition.StatusMessage,
    })),
    finalMetrics: job.finalMetrics,
    metricNames: job.metricDefinitions.map((definition) => definition.name),
    running: !isTerminalJobStatus(job.status),
  };
}
