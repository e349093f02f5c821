import type * as SM from '@aws-sdk/client-sagemaker';
import { unitHash } from '../core/random';
import type { Wire } from './wire';

/** Which container a job runs, judged from its image (or algorithm name). */
export type Family = 'xgboost' | 'pytorch' | 'tensorflow' | 'huggingface' | 'sklearn' | 'builtin' | 'custom';

export function familyOf(spec: Wire<SM.AlgorithmSpecification> | Wire<SM.HyperParameterAlgorithmSpecification> | undefined): Family {
  const image = `${spec?.TrainingImage ?? ''} ${spec?.AlgorithmName ?? ''}`.toLowerCase();
  if (image.includes('xgboost')) return 'xgboost';
  if (image.includes('huggingface')) return 'huggingface';
  if (image.includes('pytorch')) return 'pytorch';
  if (image.includes('tensorflow')) return 'tensorflow';
  if (image.includes('scikit-learn') || image.includes('sklearn')) return 'sklearn';
  if (/\/(linear-learner|kmeans|pca|factorization-machines|forecasting-deepar|blazingtext|image-classification|object-detection|knn|ntm|lda|randomcutforest|ipinsights|object2vec|semantic-segmentation|seq2seq):/.test(image)) return 'builtin';
  return 'custom';
}

const NUMBER = '([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)';
const XGB_METRICS = ['accuracy', 'auc', 'aucpr', 'error', 'f1', 'logloss', 'mae', 'map', 'merror', 'mlogloss', 'mse', 'ndcg', 'rmse'];

const XGB_DEFINITIONS: readonly Wire<SM.MetricDefinition>[] = ['train', 'validation'].flatMap((channel) =>
  XGB_METRICS.map((m) => ({ Name: `${channel}:${m}`, Regex: `.*\\[[0-9]+\\].*#011${channel}-${m}:${NUMBER}.*` })),
);

/** The metric definitions SageMaker attaches to built-in XGBoost jobs (shown by DescribeTrainingJob). */
export function xgboostMetricDefinitions(): Wire<SM.MetricDefinition>[] {
  return XGB_DEFINITIONS as Wire<SM.MetricDefinition>[];
}

/** Higher-is-better metrics (AUC, accuracy...) improve upwards; losses and errors downwards. */
export function higherIsBetter(metricName: string): boolean {
  return /auc|acc|f1|precision|recall|map|ndcg|r2|bleu|rouge|iou/i.test(metricName);
}

/** XGBoost prints the eval metrics it was asked for, or its objective's default. */
export function xgboostEvalMetrics(hp: Record<string, string> | undefined): string[] {
  const asked = hp?.eval_metric;
  if (asked) return asked.split(',').map((m) => m.trim()).filter((m) => XGB_METRICS.includes(m));
  const objective = hp?.objective ?? 'reg:squarederror';
  if (objective.startsWith('binary:')) return ['logloss'];
  if (objective.startsWith('multi:')) return ['mlogloss'];
  if (objective.startsWith('rank:')) return ['map'];
  return ['rmse'];
}

/** Number of rounds/epochs the container reports progress for. */
export function stepsOf(family: Family, hp: Record<string, string> | undefined): number {
  const n = (key: string): number | undefined => {
    const v = Number(hp?.[key]);
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;
  };
  switch (family) {
    case 'xgboost':
      return Math.min(n('num_round') ?? 100, 5000);
    case 'pytorch':
    case 'tensorflow':
    case 'huggingface':
      return Math.min(n('epochs') ?? n('num_train_epochs') ?? n('n_epochs') ?? 10, 1000);
    case 'builtin':
      return Math.min(n('epochs') ?? 15, 1000);
    default:
      return 10;
  }
}

const gpu = (instanceType: string | undefined): boolean => /ml\.(p|g|trn|inf)\d/.test(instanceType ?? '');
const sizeFactor = (instanceType: string | undefined): number => {
  const m = /\.(\d*)x?large$/.exec(instanceType ?? '');
  const n = m?.[1] ? Number(m[1]) : (instanceType ?? '').endsWith('xlarge') ? 1 : 0.5;
  return 1 / Math.sqrt(Math.max(n, 0.5));
};

/** Planned time in the Training phase: rounds or epochs times a per-step cost for the instance. */
export function plannedTrainingMs(family: Family, name: string, hp: Record<string, string> | undefined, instanceType: string | undefined, defaultMs: number): number {
  const jitter = 0.6 + unitHash(`${name}/duration`) * 0.9;
  const steps = stepsOf(family, hp);
  let ms: number;
  switch (family) {
    case 'xgboost':
      ms = 30_000 + steps * 2_500 * sizeFactor(instanceType) * jitter;
      break;
    case 'pytorch':
    case 'tensorflow':
    case 'huggingface':
      ms = 60_000 + steps * (gpu(instanceType) ? 55_000 : 140_000) * sizeFactor(instanceType) * jitter;
      break;
    case 'sklearn':
      ms = 180_000 * jitter * 2;
      break;
    default:
      ms = defaultMs * jitter;
  }
  return Math.round(Math.min(Math.max(ms, 120_000), 6 * 3_600_000));
}

/**
 * Text a metric definition's regex captures `value` from. The regex's first capture group is
 * replaced by the number and the rest turned into plain text; the result is checked against the
 * regex, and `undefined` is returned when the regex is too clever to invert.
 */
export function lineForMetric(regexSource: string, value: string): string | undefined {
  const open = firstCaptureGroup(regexSource);
  if (open < 0) return undefined;
  const close = matchingParen(regexSource, open);
  if (close < 0) return undefined;
  const text = (regexSource.slice(0, open) && plain(regexSource.slice(0, open))) + value + plain(regexSource.slice(close + 1));
  try {
    const m = new RegExp(regexSource).exec(text);
    if (m && m[1] !== undefined && Number(m[1]) === Number(value)) return text.trim();
  } catch {
    return undefined;
  }
  return undefined;
}

function firstCaptureGroup(re: string): number {
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(' && re[i + 1] !== '?') return i;
  }
  return -1;
}

function matchingParen(re: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The literal text a regex fragment stands for, with wildcards as nothing or a space. */
function plain(fragment: string): string {
  return fragment
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\.\*\??|\.\+\??/g, ' ')
    .replace(/\\s[*+?]?/g, ' ')
    .replace(/\\d[*+?]?/g, '1')
    .replace(/\[(\^?)([^\]]*)\][*+?]?/g, (_, neg: string, body: string) => (neg ? ' ' : (body.replace(/\\/g, '')[0] ?? '')))
    .replace(/\\(.)/g, '$1')
    .replace(/[()?*+]/g, '')
    .replace(/ {2,}/g, ' ');
}

/** Metric value after `progress` (0..1) of training, approaching `final` with a little noise. */
export function metricAt(name: string, seedText: string, final: number, progress: number, step: number): number {
  const up = higherIsBetter(name);
  const start = up ? final * (0.55 + 0.2 * unitHash(`${seedText}/${name}/start`)) : final * (2.2 + unitHash(`${seedText}/${name}/start`));
  const curve = final + (start - final) * Math.exp(-4.5 * progress);
  const noise = (unitHash(`${seedText}/${name}/${step}`) - 0.5) * 0.02 * Math.abs(final) * (1 - progress);
  const v = progress >= 1 ? final : curve + noise;
  return up ? Math.min(v, 0.9999) : Math.max(v, 0.0001);
}

/** A plausible final value for a metric, stable for a job. */
export function plausibleFinal(name: string, seedText: string): number {
  const u = unitHash(`${seedText}/${name}/final`);
  if (/auc/i.test(name)) return 0.86 + 0.1 * u;
  if (/acc|f1|precision|recall|map|ndcg/i.test(name)) return 0.78 + 0.17 * u;
  if (/error/i.test(name)) return 0.04 + 0.12 * u;
  if (/logloss|loss|entropy/i.test(name)) return 0.18 + 0.35 * u;
  if (/rmse|mse|mae/i.test(name)) return 2 + 10 * u;
  return 0.1 + 0.8 * u;
}
