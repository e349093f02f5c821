import type { InstanceUse, PriceQuery } from './priceCatalog';

/**
 * How each use of an instance appears in the SageMaker offer file. The Price List names the
 * use in the `platoinstancetype` attribute (`component` in older offers); the names below are
 * candidates only, matched (ignoring case and punctuation) against the values the Pricing API
 * reports through `GetAttributeValues`, so a renamed value is found rather than guessed.
 */
export interface UseKey {
  /** Stable key for caching and grouping: `training`, `studio:JupyterLab`... */
  readonly key: string;
  /** Candidate offer-file values, best first. */
  readonly candidates: readonly string[];
}

const studioByAppType: Readonly<Record<string, readonly string[]>> = {
  JupyterLab: ['Studio-JupyterLab', 'JupyterLab'],
  CodeEditor: ['studio-codeeditor', 'Studio-CodeEditor', 'CodeEditor'],
  // Studio Classic notebooks and their kernels.
  JupyterServer: ['Studio-Notebook'],
  KernelGateway: ['Studio-Notebook'],
  RStudioServerPro: ['RStudio:RServer', 'RStudio:RServerPro'],
  RSessionGateway: ['RStudio:RSession', 'RStudio:RSessionGateway'],
  TensorBoard: ['TensorBoard'],
};

const byUse: Readonly<Record<Exclude<InstanceUse, 'studio' | 'spotTraining'>, readonly string[]>> = {
  notebookInstance: ['Notebook', 'Notebook-Instance', 'NotebookInstance'],
  training: ['Training'],
  processing: ['Processing'],
  batchTransform: ['BatchTransform', 'Batch-Transform', 'Transform'],
  hosting: ['Hosting', 'RealTimeInference'],
  asyncInference: ['AsyncInf', 'AsyncInference', 'Asynchronous-Inference'],
};

/**
 * The offer-file use that prices `query`, or undefined when the offer file has no instance-hour
 * rate for it (Canvas, for one, is billed per workspace session, not per ML instance).
 * Spot training has no fixed rate in the offer file: it maps to on-demand training, and the
 * catalog labels the answer as the most spot can cost.
 */
export function offerUseFor(query: Pick<PriceQuery, 'use' | 'appType'>): UseKey | undefined {
  if (query.use === 'studio') {
    const appType = query.appType ?? 'JupyterServer';
    const candidates = studioByAppType[appType];
    return candidates ? { key: `studio:${appType}`, candidates } : undefined;
  }
  if (query.use === 'spotTraining') return { key: 'training', candidates: byUse.training };
  return { key: query.use, candidates: byUse[query.use] };
}

/** Lower case without punctuation: `Studio-JupyterLab` and `studio_jupyterlab` are the same use. */
export function normalizeOfferValue(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The offer-file value to filter on: the first candidate among the values the Pricing API
 * reported; when discovery was not possible, the first candidate as written.
 */
export function resolveOfferValue(use: UseKey, discovered: readonly string[] | undefined): string | undefined {
  if (!discovered) return use.candidates[0];
  const byNormal = new Map(discovered.map((value) => [normalizeOfferValue(value), value]));
  for (const candidate of use.candidates) {
    const found = byNormal.get(normalizeOfferValue(candidate));
    if (found !== undefined) return found;
  }
  return undefined;
}
