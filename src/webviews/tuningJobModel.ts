import { isTerminalJobStatus } from '../core/resources/jobs';
import { statusTone } from '../core/resources/status';
import { bestTrialName, formatObjectiveValue, tuningProgress, type TuningJob, type TuningTrial } from '../core/resources/tuningJobs';
import { formatDateTime, formatDuration } from '../core/util/format';
import type { Row, TuningJobView } from './protocol';

/** What the tuning job panel shows: the objective of every trial over time, the leaders (pure). */
export function tuningJobView(job: TuningJob, trials: readonly TuningTrial[], now = Date.now()): TuningJobView {
  const bestName = bestTrialName(job, trials);
  const best = trials.find((trial) => trial.name === bestName);
  const summary: Row[] = [
    ['Status', job.status],
    ['Training jobs', tuningProgress(job)],
    ...(job.objective ? [['Objective', `${job.objective.type === 'Maximize' ? 'maximize' : 'minimize'} ${job.objective.name}`] as const] : []),
    ...(best ? [['Best so far', `${formatObjectiveValue(best.objectiveValue) ?? 'no value'} (${best.name})`] as const] : []),
    ...(job.strategy ? [['Strategy', job.strategy] as const] : []),
    ...(job.instanceType ? [['Instance type', job.instanceType] as const] : []),
    ['Created', formatDateTime(job.created)],
    ['Duration', formatDuration((job.ended?.getTime() ?? now) - job.created.getTime())],
    ...(job.failureReason ? [['Failure reason', job.failureReason] as const] : []),
  ];
  return {
    name: job.name,
    region: job.region,
    status: job.status,
    statusTone: statusTone('tuningJob', job.status),
    objective: job.objective,
    summary,
    best: best ? { name: best.name, value: best.objectiveValue } : undefined,
    trials: [...trials]
      .map((trial) => ({ name: trial.name, time: (trial.trainingEnd ?? trial.created).getTime(), value: trial.objectiveValue, status: trial.status }))
      .sort((a, b) => a.time - b.time),
    leaders: trials
      .filter((trial) => trial.objectiveValue !== undefined)
      .slice(0, 10)
      .map((trial) => ({
        name: trial.name,
        value: trial.objectiveValue,
        status: trial.status,
        parameters: Object.entries(trial.hyperParameters)
          .map(([key, value]) => `${key}=${value}`)
          .join(', '),
      })),
    running: !isTerminalJobStatus(job.status),
  };
}
