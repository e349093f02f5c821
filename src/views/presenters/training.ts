import type { PriceCatalog } from '../../core/cost/priceCatalog';
import { isFiltered, jobKindNoun, type JobKind, type ListFilter, type ListSource } from '../../core/resources/jobs';
import { processingJobDuration, type ProcessingJob } from '../../core/resources/processingJobs';
import { statusTone } from '../../core/resources/status';
import { formatInstances, trainingJobCost, trainingJobDuration, type CostSoFar, type TrainingJob } from '../../core/resources/trainingJobs';
import { transformJobDuration, type TransformJob } from '../../core/resources/transformJobs';
import { formatObjectiveValue, tuningProgress, type TuningJob, type TuningTrial } from '../../core/resources/tuningJobs';
import { formatDateTime, formatDuration, formatUsd } from '../../core/util/format';
import { contextValue } from './contextValues';
import { md, tooltipTable, type NodePresentation } from './presentation';
import { statusIcon } from './status';

/** What a job row needs besides the job: the clock (durations, running cost) and prices. */
export interface JobPresentationContext {
  readonly now: number;
  readonly prices: PriceCatalog;
}

const date = (value: Date | undefined): string | undefined => value && formatDateTime(value);

/** "12s", "3h 05m" — or "" for a missing figure. */
function seconds(value: number | undefined): string | undefined {
  return value === undefined ? undefined : formatDuration(value * 1000);
}

/** "$1.23", "≈ $1.23" (a stand-in rate): never "$0" for unknown. */
export function formatCost(cost: CostSoFar | undefined): string | undefined {
  if (!cost) return undefined;
  return `${cost.estimate ? '≈ ' : ''}${formatUsd(cost.usd)}`;
}

function costLine(cost: CostSoFar | undefined, job: TrainingJob): string | undefined {
  if (!cost) return job.instances.length === 0 ? undefined : 'unknown (no price for this instance type)';
  const basis = `${formatDuration(cost.billableSeconds * 1000)} billable × ${job.instances.reduce((n, i) => n + i.count, 0)} instance(s) at ${cost.rate}`;
  return `${formatCost(cost)}${cost.final ? '' : ' so far'} (${basis}${cost.note ? `; ${cost.note}` : ''})`;
}

/** A status that moves shows what it is doing now: "InProgress · Training". */
function statusText(status: string, secondary: string | undefined): string {
  return secondary && secondary !== status && (status === 'InProgress' || status === 'Stopping') ? `${status} · ${secondary}` : status;
}

export function presentTrainingJob(job: TrainingJob, context: JobPresentationContext): NodePresentation {
  const tone = statusTone('trainingJob', job.status);
  const cost = trainingJobCost(job, context.prices, context.now);
  const instances = formatInstances(job.instances);
  const duration = formatDuration(trainingJobDuration(job, context.now));
  const description = [statusText(job.status, job.secondaryStatus), duration, instances, job.spot ? 'spot' : undefined, formatCost(cost)]
    .filter(Boolean)
    .join(' · ');
  const rows: Array<readonly [string, string | undefined]> = [
    ['Status', statusText(job.status, job.secondaryStatus)],
    ['Failure reason', job.failureReason],
    ['Created', date(job.created)],
    ['Training started', date(job.trainingStart)],
    ['Training ended', date(job.trainingEnd)],
    ['Duration', duration],
    ['Instances', instances ?? (job.detail === 'summary' ? 'unknown (not described)' : undefined)],
    ['Spot', job.detail === 'full' ? (job.spot ? 'yes (managed spot training)' : 'no') : undefined],
    ['Training time', seconds(job.trainingSeconds)],
    ['Billable time', seconds(job.billableSeconds)],
    ['Cost', costLine(cost, job)],
    ['Model artifacts', job.modelArtifacts],
    ['Tuning job', job.tuningJobArn?.split('/').pop()],
    ...job.finalMetrics.map((metric) => [`Metric ${metric.name}`, String(metric.value)] as const),
    ['Region', job.region],
    ['ARN', job.arn],
  ];
  return {
    label: job.name,
    description,
    icon: statusIcon(tone),
    tooltip: tooltipTable(`Training job ${job.name}`, rows),
    contextValue: contextValue('trainingJob', job.status, job.spot && 'spot', job.modelArtifacts && 'artifacts'),
    collapsible: 'none',
  };
}

export { formatObjectiveValue, tuningProgress };

export function presentTuningJob(job: TuningJob, context: JobPresentationContext): NodePresentation {
  const tone = statusTone('tuningJob', job.status);
  const objective = job.objective ? `${job.objective.name} (${job.objective.type === 'Maximize' ? 'max' : 'min'})` : undefined;
  const best = job.best ? `${formatObjectiveValue(job.best.value) ?? 'no value yet'} (${job.best.name})` : undefined;
  const duration = formatDuration((job.ended?.getTime() ?? (tone === 'moving' ? context.now : (job.lastModified?.getTime() ?? context.now))) - job.created.getTime());
  const description = [job.status, tuningProgress(job), job.best?.value !== undefined ? `best ${formatObjectiveValue(job.best.value)}` : undefined]
    .filter(Boolean)
    .join(' · ');
  return {
    label: job.name,
    description,
    icon: statusIcon(tone),
    tooltip: tooltipTable(`Hyperparameter tuning job ${job.name}`, [
      ['Status', job.status],
      ['Failure reason', job.failureReason],
      ['Training jobs', tuningProgress(job)],
      ['Maximum', job.maxJobs !== undefined ? `${job.maxJobs} jobs, ${job.maxParallel ?? '?'} at a time` : undefined],
      ['Objective', objective ?? (job.detail === 'summary' ? 'unknown (not described)' : undefined)],
      ['Best so far', best],
      ['Strategy', job.strategy],
      ['Instance type', job.instanceType],
      ['Created', date(job.created)],
      ['Ended', date(job.ended)],
      ['Duration', duration],
      ['Region', job.region],
      ['ARN', job.arn],
    ]),
    contextValue: contextValue('tuningJob', job.status),
    collapsible: 'collapsed',
  };
}

export function presentTuningTrial(trial: TuningTrial, objectiveName: string | undefined, best: boolean): NodePresentation {
  const tone = statusTone('trainingJob', trial.status);
  const value = formatObjectiveValue(trial.objectiveValue);
  const description = [best ? '★ best' : undefined, value !== undefined ? `${objectiveName ?? 'objective'} ${value}` : undefined, trial.status]
    .filter(Boolean)
    .join(' · ');
  const parameters = Object.entries(trial.hyperParameters).map(([key, v]) => [`  ${key}`, v] as const);
  return {
    label: trial.name,
    description,
    icon: best ? { id: 'star-full', color: 'charts.yellow' } : statusIcon(tone),
    tooltip: tooltipTable(`Training job ${trial.name}${best ? ' (best)' : ''}`, [
      ['Status', trial.status],
      ['Failure reason', trial.failureReason],
      [objectiveName ? `Objective ${objectiveName}` : 'Objective', value ?? (trial.objectiveStatus ? `none (${trial.objectiveStatus})` : 'none yet')],
      ['Created', date(trial.created)],
      ['Training started', date(trial.trainingStart)],
      ['Training ended', date(trial.trainingEnd)],
      ...(parameters.length > 0 ? [['Tuned hyperparameters', ' '] as const, ...parameters] : []),
      ['ARN', trial.arn],
    ]),
    contextValue: contextValue('trainingJob', trial.status, 'trial', best && 'best'),
    collapsible: 'none',
  };
}

export function presentProcessingJob(job: ProcessingJob, context: JobPresentationContext): NodePresentation {
  const tone = statusTone('processingJob', job.status);
  const instances = formatInstances(job.instances);
  const duration = formatDuration(processingJobDuration(job, context.now));
  return {
    label: job.name,
    description: [job.status, duration, instances].filter(Boolean).join(' · '),
    icon: statusIcon(tone),
    tooltip: tooltipTable(`Processing job ${job.name}`, [
      ['Status', job.status],
      ['Failure reason', job.failureReason],
      ['Exit message', job.exitMessage],
      ['Created', date(job.created)],
      ['Started', date(job.started)],
      ['Ended', date(job.ended)],
      ['Duration', duration],
      ['Instances', instances ?? (job.detail === 'summary' ? 'unknown (not described)' : undefined)],
      ['Image', job.image],
      ['Region', job.region],
      ['ARN', job.arn],
    ]),
    contextValue: contextValue('processingJob', job.status),
    collapsible: 'none',
  };
}

export function presentTransformJob(job: TransformJob, context: JobPresentationContext): NodePresentation {
  const tone = statusTone('transformJob', job.status);
  const instances = formatInstances(job.instances);
  const duration = formatDuration(transformJobDuration(job, context.now));
  return {
    label: job.name,
    description: [job.status, duration, instances].filter(Boolean).join(' · '),
    icon: statusIcon(tone),
    tooltip: tooltipTable(`Batch transform job ${job.name}`, [
      ['Status', job.status],
      ['Failure reason', job.failureReason],
      ['Created', date(job.created)],
      ['Started', date(job.started)],
      ['Ended', date(job.ended)],
      ['Duration', duration],
      ['Instances', instances ?? (job.detail === 'summary' ? 'unknown (not described)' : undefined)],
      ['Model', job.modelName],
      ['Input', job.input],
      ['Output', job.output],
      ['Region', job.region],
      ['ARN', job.arn],
    ]),
    contextValue: contextValue('transformJob', job.status),
    collapsible: 'none',
  };
}

/** What a paged group row says: how many are shown, whether more exist, the filter, how it was listed. */
export interface GroupState {
  readonly shown: number;
  readonly more: boolean;
  readonly loaded: boolean;
  readonly filter?: ListFilter;
  readonly source?: ListSource;
  readonly notes?: readonly string[];
}

export function describeFilter(filter: ListFilter | undefined): string | undefined {
  if (!isFiltered(filter)) return undefined;
  return [filter?.status, filter?.nameContains ? `“${filter.nameContains}”` : undefined].filter(Boolean).join(', ');
}

/** A top-level group ("Training jobs", "Endpoints"): collapsible, filterable, with its listing story in the tooltip. */
export function presentGroup(label: string, groupKey: string, icon: string, state: GroupState): NodePresentation {
  const filter = describeFilter(state.filter);
  const count = state.loaded ? `${state.shown}${state.more ? '+' : ''}` : undefined;
  const description = [count, filter ? `filtered: ${filter}` : undefined].filter(Boolean).join(' · ') || undefined;
  const lines = [`**${md(label)}**`, ''];
  if (state.loaded) lines.push(`${state.shown} shown${state.more ? '; more to load' : ''}.  `);
  if (filter) lines.push(`Filter: ${md(filter)}.  `);
  for (const note of state.notes ?? []) lines.push(md(note) + '  ');
  return {
    label,
    description,
    icon: { id: icon },
    tooltip: lines.join('\n'),
    contextValue: contextValue('group', groupKey, isFiltered(state.filter) && 'filtered', 'filterable'),
    collapsible: 'collapsed',
  };
}

/** "training job fraud-xgb-3" for confirmations and messages. */
export function jobLabel(kind: JobKind, name: string): string {
  return `${jobKindNoun[kind]} ${name}`;
}
