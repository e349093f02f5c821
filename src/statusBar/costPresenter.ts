import type { BillableKind } from '../core/cost/billable';
import type { PricedResource } from '../core/cost/billing';
import type { ScanProblem } from '../core/cost/billableScan';
import type { CostSnapshot } from '../core/cost/costWatch';
import type { PriceSourceStatus } from '../core/cost/livePriceCatalog';
import { formatQuote } from '../core/cost/priceCatalog';
import { shutdownConsequence, shutdownVerb } from '../core/cost/shutdown';
import type { CostSummary } from '../core/cost/billing';
import { formatDateTime, formatDuration, formatHourly, formatUsd } from '../core/util/format';

/**
 * How the cost guard looks: the status bar item, its tooltip, quick pick rows, confirmations and
 * warnings. Pure (no `vscode` import), so every word is unit-tested.
 */

const kindLabels: Record<BillableKind, string> = {
  app: 'Studio app',
  notebookInstance: 'Notebook instance',
  endpoint: 'Endpoint',
  trainingJob: 'Training job',
  tuningJob: 'Tuning job',
  processingJob: 'Processing job',
  transformJob: 'Transform job',
};

const kindIcons: Record<BillableKind, string> = {
  app: 'window',
  notebookInstance: 'notebook',
  endpoint: 'radio-tower',
  trainingJob: 'beaker',
  tuningJob: 'settings',
  processingJob: 'gear',
  transformJob: 'symbol-array',
};

export function kindLabel(kind: BillableKind, count = 1): string {
  return count === 1 ? kindLabels[kind] : `${kindLabels[kind]}s`;
}

export function kindIcon(kind: BillableKind): string {
  return kindIcons[kind];
}

/** "$4.21/h", "≈ $4.21/h" (an estimate is in it), "≥ $4.21/h" (some prices are unknown). */
export function formatTotal(summary: Pick<CostSummary, 'knownUsdPerHour' | 'unknownCount' | 'estimated'>): string {
  const prefix = summary.unknownCount > 0 ? '≥ ' : summary.estimated ? '≈ ' : '';
  return `${prefix}${formatHourly(summary.knownUsdPerHour)}`;
}

/** One resource's rate, as honest as the catalog allows. */
export function formatResourcePrice(resource: PricedResource): string {
  if (resource.serverless) return '$0/h (serverless: billed per request)';
  const { price } = resource;
  if (price.usdPerHour === undefined) return 'price unknown';
  const single = price.parts.length === 1 && price.parts[0]!.count === 1 ? price.parts[0]!.quote : undefined;
  if (single) return formatQuote(single);
  const basis = price.bases.length > 0 ? ` (${price.bases.join('; ')})` : '';
  return `${price.estimated ? '≈ ' : ''}${formatHourly(price.usdPerHour)}${basis}`;
}

/** "ml.g5.xlarge × 2 + ml.m5.large" */
export function formatInstanceList(resource: PricedResource): string {
  if (resource.serverless) return 'serverless';
  return resource.instances.map((instance) => (instance.count === 1 ? instance.instanceType : `${instance.instanceType} × ${instance.count}`)).join(' + ');
}

export interface StatusView {
  readonly visible: boolean;
  readonly text: string;
  /** Over the threshold: the warning colour. */
  readonly warning: boolean;
  /** Markdown. */
  readonly tooltip: string;
  readonly accessibilityLabel: string;
}

export interface StatusOptions {
  readonly thresholdUsdPerHour: number;
  readonly prices?: PriceSourceStatus;
  readonly now: number;
}

/**
 * `$(warning) $4.21/h · 6 running` over the threshold, `$(cloud) $0.46/h · 2 running` under it,
 * quiet at $0 (only free things run), hidden when nothing runs or there is nobody to scan as.
 */
export function presentStatus(snapshot: CostSnapshot, options: StatusOptions): StatusView {
  const hidden: StatusView = { visible: false, text: '', warning: false, tooltip: '', accessibilityLabel: '' };
  if (snapshot.state === 'disabled' || snapshot.state === 'waitingForCredentials') return hidden;
  const { summary } = snapshot;
  if (!snapshot.scan) {
    if (!snapshot.failure) return hidden;
    return {
      visible: true,
      text: '$(warning) SageMaker cost unknown',
      warning: false,
      tooltip: `**SageMaker cost guard**\n\nCould not scan for running resources: ${escape(snapshot.failure)}\n\nIt tries again on its own, less often while this lasts.`,
      accessibilityLabel: 'SageMaker cost unknown: the scan failed',
    };
  }
  if (summary.count === 0) return hidden;
  const total = formatTotal(summary);
  const warning = summary.knownUsdPerHour > options.thresholdUsdPerHour;
  const free = summary.knownUsdPerHour === 0 && summary.unknownCount === 0;
  const icon = warning ? '$(warning)' : free ? '$(circle-large-outline)' : '$(cloud)';
  return {
    visible: true,
    text: `${icon} ${total} · ${summary.count} running`,
    warning,
    tooltip: tooltip(snapshot, options),
    accessibilityLabel: `SageMaker: ${summary.count} running, ${total.replace('/h', ' per hour')}`,
  };
}

function tooltip(snapshot: CostSnapshot, options: StatusOptions): string {
  const { summary, scan } = snapshot;
  const lines: string[] = [`**SageMaker: ${formatTotal(summary)} billing now** (${summary.count} running)`, ''];
  const table = (title: string, rows: ReadonlyArray<{ key: string; count: number; knownUsdPerHour: number; unknownCount: number }>, name: (key: string) => string): void => {
    lines.push(`| ${title} | Running | $/h |`, '| --- | ---: | ---: |');
    for (const row of rows) {
      lines.push(`| ${escape(name(row.key))} | ${row.count} | ${formatUsd(row.knownUsdPerHour)}${row.unknownCount > 0 ? ` + ${row.unknownCount} unknown` : ''} |`);
    }
    lines.push('');
  };
  table('Region', summary.byRegion, (key) => key);
  table('Kind', summary.byKind, (key) => kindLabel(key as BillableKind, 2));
  if (summary.unknownCount > 0) lines.push(`${summary.unknownCount} with a price unknown, not in the total.`, '');
  const bases = [...new Set(snapshot.priced.flatMap((resource) => resource.price.bases))];
  if (summary.estimated) lines.push(`≈: a rate of another use stands in where this use's is not known (${escape(bases.join('; '))}).`, '');
  lines.push(priceSourceLine(options.prices), '');
  const skipped = scan?.regions.filter((region) => region.skipped) ?? [];
  if (skipped.length > 0) lines.push(`Skipped: ${skipped.map((region) => `${region.region} (${describeProblem(region.skipped!)})`).join(', ')}.`, '');
  const partial = scan?.regions.filter((region) => region.problems.length > 0) ?? [];
  for (const region of partial) lines.push(`${region.region}: could not list ${region.problems.map((problem) => `${partName(problem)} (${describeProblem(problem)})`).join(', ')}.`, '');
  if (snapshot.ignoredRegions.length > 0) lines.push(`Not scanned (another partition or not a region): ${snapshot.ignoredRegions.join(', ')}.`, '');
  if (snapshot.failure) lines.push(`The last scan failed: ${escape(snapshot.failure)}. Showing the one before.`, '');
  if (scan) lines.push(`${scan.regions.length} region${scan.regions.length === 1 ? '' : 's'} scanned at ${formatDateTime(scan.at)}. Click to see everything running and shut things down.`);
  return lines.join('\n');
}

export function priceSourceLine(prices: PriceSourceStatus | undefined): string {
  if (!prices) return 'Prices: AWS Price List.';
  const bundled = prices.bundledAsOf ? `the bundled table of ${prices.bundledAsOf}` : 'the bundled table';
  switch (prices.live.state) {
    case 'available':
      return `Prices: AWS Price List (cached), ${bundled} where it has none.`;
    case 'unavailable':
      return `Prices: ${bundled}; the Pricing API is unavailable (${escape(prices.live.reason)}).`;
    case 'notAsked':
      return `Prices: ${bundled} until the Pricing API answers.`;
  }
}

const partNames: Record<NonNullable<ScanProblem['part']>, string> = {
  apps: 'Studio apps',
  notebookInstances: 'notebook instances',
  endpoints: 'endpoints',
  trainingJobs: 'training and tuning jobs',
  processingJobs: 'processing jobs',
  transformJobs: 'transform jobs',
};

function partName(problem: ScanProblem): string {
  return problem.part ? partNames[problem.part] : 'resources';
}

/** "not enabled for this account", "access denied", "unreachable (ECONNREFUSED)". */
export function describeProblem(problem: Pick<ScanProblem, 'kind' | 'code'>): string {
  switch (problem.kind) {
    case 'regionNotEnabled':
      return 'not enabled for this account';
    case 'accessDenied':
      return 'access denied';
    case 'network':
      return `unreachable (${problem.code})`;
    case 'throttled':
      return 'throttled';
    case 'expiredCredentials':
    case 'invalidCredentials':
    case 'ssoExpired':
    case 'noCredentials':
      return `credentials rejected (${problem.code})`;
    default:
      return problem.code;
  }
}

export interface PickRow {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

/** A quick pick row: "$(radio-tower) fraud-ep", "$1.20/h · 3h 05m · $3.61 so far", "Endpoint · us-east-1 · ml.g5.xlarge × 2". */
export function presentPickRow(resource: PricedResource): PickRow {
  const age = resource.runningMs !== undefined ? formatDuration(resource.runningMs) : 'age unknown';
  const soFar = resource.costSoFar !== undefined ? `${resource.price.estimated ? '≈ ' : ''}${formatUsd(resource.costSoFar)} so far` : undefined;
  return {
    label: `$(${kindIcon(resource.kind)}) ${resource.name}`,
    description: [formatResourcePrice(resource), age, soFar].filter(Boolean).join(' · '),
    detail: [kindLabel(resource.kind), resource.region, formatInstanceList(resource), resource.context, resource.status !== 'InService' && resource.status !== 'InProgress' ? resource.status : undefined]
      .filter(Boolean)
      .join(' · '),
  };
}

export interface ShutdownConfirmation {
  readonly message: string;
  readonly detail: string;
  readonly button: string;
}

/** One modal question that names every resource, what happens to it, and the $/h it saves. */
export function presentShutdownConfirmation(resources: readonly PricedResource[]): ShutdownConfirmation {
  const saved = formatTotal({
    knownUsdPerHour: resources.reduce((sum, resource) => sum + resource.price.knownUsdPerHour, 0),
    unknownCount: resources.filter((resource) => resource.price.usdPerHour === undefined).length,
    estimated: resources.some((resource) => resource.price.estimated),
  });
  const message =
    resources.length === 1
      ? `${shutdownVerb(resources[0]!.kind)} ${resources[0]!.name} (${resources[0]!.region})? It saves ${saved}.`
      : `Shut down ${resources.length} SageMaker resources? They save ${saved}.`;
  const [only] = resources;
  if (resources.length === 1 && only) {
    // The question names it and its saving: the detail says only what follows, of it alone.
    const consequence = shutdownConsequence(only.kind);
    return { message, detail: `${consequence[0]!.toUpperCase()}${consequence.slice(1)}.`, button: shutdownVerb(only.kind).split(' ')[0]! };
  }
  const lines = resources.map(
    (resource) => `• ${shutdownVerb(resource.kind)} ${resource.name} (${resource.region}), ${formatResourcePrice(resource)}: ${shutdownConsequence(resource.kind)}.`,
  );
  return { message, detail: lines.join('\n'), button: 'Shut Down' };
}

/** "Endpoint fraud-ep (us-east-1) has run for 1d 2h at $1.20/h (≈ $31.20 so far)." */
export function longRunningMessage(resource: PricedResource): string {
  const age = resource.runningMs !== undefined ? formatDuration(resource.runningMs) : 'a long time';
  const soFar = resource.costSoFar !== undefined ? ` (${resource.price.estimated ? '≈ ' : ''}${formatUsd(resource.costSoFar)} so far)` : '';
  return `SageMaker ${kindLabel(resource.kind).toLowerCase()} ${resource.name} (${resource.region}) has been running for ${age} at ${formatResourcePrice(resource)}${soFar}.`;
}

/** Markdown-escapes text from the service or the user. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
