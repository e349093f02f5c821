import { familyOf, lineForMetric, metricAt, stepsOf } from '../sagemaker/algorithms';
import type { MetricValue, TrainingJobRecord } from '../sagemaker/records';
import type { LineSource } from './store';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** `[2024-05-12:10:15:31:INFO]`, the built-in XGBoost container's prefix. */
const xgbStamp = (t: number): string => {
  const d = new Date(t);
  return `[${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}:INFO]`;
};
/** `2024-05-12 10:15:31,123`, the training toolkit's logging format. */
const toolkitStamp = (t: number): string => new Date(t).toISOString().replace('T', ' ').replace('.', ',').slice(0, 23);

const SETUP_MS = 20_000;

interface StepPlan {
  start: number;
  /** When the container stops printing (Training phase over, by completion, failure or stop). */
  cut: number;
  steps: number;
  interval: number;
  outcome: string;
}

function stepPlan(job: TrainingJobRecord): StepPlan | undefined {
  const phases = job.timeline.all();
  const i = phases.findIndex((p) => p.secondary === 'Training');
  if (i < 0) return undefined;
  const start = phases[i]!.at;
  const cut = phases[i + 1]?.at ?? Infinity;
  const steps = stepsOf(familyOf(job.spec.AlgorithmSpecification), job.spec.HyperParameters);
  const span = Math.max(job.plan.plannedTrainingEndsAt - start - SETUP_MS - 1000, steps);
  return { start, cut, steps, interval: span / steps, outcome: job.timeline.last().status };
}

const stepTime = (p: StepPlan, i: number): number => p.start + SETUP_MS + (i + 1) * p.interval;

function valuesAtStep(job: TrainingJobRecord, p: StepPlan, i: number): MetricValue[] {
  return job.metrics.map((m) => ({ name: m.name, value: metricAt(m.name, job.name, m.value, (i + 1) / p.steps, i) }));
}

/** The metric values of the last step printed before training ended (the final values if it completed). */
export function lastPrintedMetrics(job: TrainingJobRecord): MetricValue[] {
  const p = stepPlan(job);
  if (!p || job.metrics.length === 0) return [];
  let last = Math.min(p.steps - 1, Math.floor((p.cut - p.start - SETUP_MS) / p.interval) - 1);
  if (stepTime(p, last) >= p.cut) last--;
  if (last < 0) return [];
  return last === p.steps - 1 ? job.metrics : valuesAtStep(job, p, last);
}

/** Lines printed once at container start, by framework. */
function startupLines(job: TrainingJobRecord, host: number, t: number): string[] {
  const family = familyOf(job.spec.AlgorithmSpecification);
  const hosts = job.spec.ResourceConfig?.InstanceCount ?? 1;
  const channels = (job.spec.InputDataConfig ?? []).map((c) => c.ChannelName);
  if (family === 'xgboost') {
    const s = xgbStamp(t);
    return [
      `${s} Imported framework sagemaker_xgboost_container.training`,
      `${s} No GPUs detected (normal if no gpus installed)`,
      `${s} Running XGBoost Sagemaker in algorithm mode`,
      `${s} Determined 0 GPU(s) available on the instance.`,
      ...channels.map((c) => `${s} File path /opt/ml/input/data/${c} of input files`),
      `${s} Determined delimiter of CSV input is ','`,
      hosts > 1 ? `${s} Distributed node training with ${hosts} hosts: ['algo-${host}']` : `${s} Single node training.`,
      `${s} Train matrix has ${40_000 + (job.name.length * 977) % 60_000} rows and ${12 + (job.name.length % 30)} columns`,
      ...(channels.includes('validation') ? [`${s} Validation matrix has ${10_000 + (job.name.length * 311) % 15_000} rows`] : []),
    ];
  }
  const s = toolkitStamp(t);
  const framework = family === 'huggingface' || family === 'pytorch' ? 'sagemaker_pytorch_container' : family === 'tensorflow' ? 'sagemaker_tensorflow_container' : 'sagemaker_sklearn_container';
  const program = job.spec.HyperParameters?.sagemaker_program?.replace(/"/g, '') ?? 'train.py';
  const args = Object.entries(job.spec.HyperParameters ?? {})
    .filter(([k]) => !k.startsWith('sagemaker_') && !k.startsWith('_'))
    .map(([k, v]) => `--${k} ${v.replace(/"/g, '')}`)
    .join(' ');
  return [
    `${s} sagemaker-training-toolkit INFO     Imported framework ${framework}.training`,
    `${s} sagemaker-training-toolkit INFO     No Neurons detected (normal if no neurons installed)`,
    `${s} sagemaker-training-toolkit INFO     instance_groups entry ['homogeneousCluster'] is not a valid list`,
    `${s} ${framework}.training INFO     Block until all host DNS lookups succeed.`,
    `${s} ${framework}.training INFO     Finished checking host DNS lookups.`,
    `${s} ${framework}.training INFO     Invoking user training script.`,
    `${s} sagemaker-training-toolkit INFO     Installing dependencies from requirements.txt:`,
    `Successfully installed scikit-learn-1.5.2 pandas-2.2.3`,
    `${s} sagemaker-training-toolkit INFO     Invoking user script`,
    `Training Env:`,
    `{"current_host": "algo-${host}", "hosts": [${Array.from({ length: hosts }, (_, k) => `"algo-${k + 1}"`).join(', ')}], "job_name": "${job.name}", "channel_input_dirs": {${channels.map((c) => `"${c}": "/opt/ml/input/data/${c}"`).join(', ')}}}`,
    `Invoking script with the following command:`,
    `/opt/conda/bin/python3.11 ${program} ${args}`.trim(),
  ];
}

function stepLines(job: TrainingJobRecord, p: StepPlan, host: number, i: number): string[] {
  const family = familyOf(job.spec.AlgorithmSpecification);
  if (host > 1) return family === 'xgboost' ? [] : [`[rank ${host - 1}] epoch ${i + 1}/${p.steps} finished`];
  const values = valuesAtStep(job, p, i);
  if (family === 'xgboost') {
    const parts = values.map((v) => `#011${v.name.replace(':', '-')}:${v.value.toFixed(5)}`);
    return [`[${i}]${parts.join('')}`];
  }
  const lines = [`Epoch ${i + 1}/${p.steps}`];
  for (const v of values) {
    const def = job.metricDefinitions.find((d) => d.Name === v.name);
    const text = def ? lineForMetric(def.Regex, v.value.toFixed(4)) : undefined;
    lines.push(text ?? `${v.name}=${v.value.toFixed(4)}`);
  }
  if (values.length === 0) lines.push(`step ${(i + 1) * 100} - loss: ${(1 / (i + 2)).toFixed(4)}`);
  return lines;
}

function endLines(job: TrainingJobRecord, t: number, outcome: string): string[] {
  const family = familyOf(job.spec.AlgorithmSpecification);
  const s = toolkitStamp(t);
  if (outcome === 'Failed') {
    const reason = job.plan.failureReason ?? 'AlgorithmError';
    const body = reason.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(', exit code'));
    return family === 'xgboost'
      ? body.map((l) => `${xgbStamp(t).replace('INFO', 'ERROR')} ${l}`)
      : [...body, `${s} sagemaker-training-toolkit ERROR    Reporting training FAILURE`, `${s} sagemaker-training-toolkit ERROR    ExecuteUserScriptError:`, `ExitCode 1`];
  }
  if (outcome === 'Completed' && family !== 'xgboost') {
    return [
      `${s} sagemaker-training-toolkit INFO     Waiting for the process to finish and give a return code.`,
      `${s} sagemaker-training-toolkit INFO     Done waiting for a return code. Received 0 from exiting process.`,
      `${s} sagemaker-training-toolkit INFO     Reporting training SUCCESS`,
    ];
  }
  return [];
}

/**
 * The container output of one training host: startup lines, one progress line per round or
 * epoch (with the metrics its MetricDefinitions capture), and closing lines, paced over the
 * job's Training phase and cut where the job completed, failed or was stopped.
 */
export class TrainingLogSource implements LineSource {
  constructor(
    private readonly job: TrainingJobRecord,
    private readonly host: number,
  ) {}

  produce(from: number, to: number, push: (t: number, message: string) => void): void {
    const p = stepPlan(this.job);
    if (!p) return;
    const upTo = Math.min(to, p.cut);
    const emit = (t: number, lines: string[]): void => {
      if (t > from && t <= to && t <= p.cut) for (const line of lines) push(t, line);
    };
    // Startup: a few lines in the first seconds.
    const startup = startupLines(this.job, this.host, p.start + 2_000);
    startup.forEach((line, k) => emit(p.start + 2_000 + k * 150, [line]));
    // Steps whose time falls in (from, upTo].
    if (upTo > from) {
      const first = Math.max(0, Math.ceil((from - p.start - SETUP_MS) / p.interval) - 1);
      for (let i = first; i < p.steps; i++) {
        const t = stepTime(p, i);
        if (t > upTo) break;
        if (t >= p.cut) break;
        emit(t, stepLines(this.job, p, this.host, i));
      }
    }
    // Closing lines just before the Training phase ends.
    if (Number.isFinite(p.cut) && this.host === 1) {
      const t = p.cut - 500;
      if (t > from && t <= to) for (const line of endLines(this.job, t, p.outcome)) push(t, line);
    }
  }

  span(now: number): { first: number; last: number } | undefined {
    const p = stepPlan(this.job);
    if (!p || now < p.start) return undefined;
    return { first: p.start + 2_000, last: Math.min(now, p.cut - 500) };
  }
}

/** `count` extra lines at `perSecond` lines per virtual second from `start` (log-follow benchmarks). */
export class BurstLogSource implements LineSource {
  constructor(
    private readonly start: number,
    private readonly count: number,
    private readonly perSecond: number,
    private readonly label: string,
  ) {}

  produce(from: number, to: number, push: (t: number, message: string) => void): void {
    const interval = 1000 / this.perSecond;
    const first = Math.max(0, Math.floor((from - this.start) / interval) + 1);
    for (let i = first; i < this.count; i++) {
      const t = this.start + i * interval;
      if (t > to) break;
      if (t <= from) continue;
      push(t, `${toolkitStamp(t)} ${this.label} INFO     step ${i + 1}/${this.count} loss=${(2 / Math.sqrt(i + 2)).toFixed(5)} lr=${(3e-4).toExponential(1)} throughput=${(850 + (i % 97)).toFixed(1)} samples/s`);
    }
  }

  span(now: number): { first: number; last: number } | undefined {
    if (now < this.start) return undefined;
    const interval = 1000 / this.perSecond;
    const last = Math.min(this.count - 1, Math.floor((now - this.start) / interval));
    return { first: this.start, last: this.start + last * interval };
  }
}
