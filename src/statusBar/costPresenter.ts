import type { BillableKind } from '../core/cost/billable';
import type { PricedResource } from '../core/cost/billing';
import type { ScanProblem } from '../core/cost/billableScan';
import type { CostSnapshot } from '../core/cost/costWatch';
import type { PriceSourceStatus } from '../core/cost/livePriceCatalog';
import { formatQuote } from '../core/cost/priceCatalog';
import { shutdownConsequence, shutdownVerb } from '../core/cost/shutdown';
import type { CostGroup, CostSummary } from '../core/cost/billing';
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

/**
 * "$4.21/h", "≈ $4.21/h" (an estimate is in it), "≥ $4.21/h" (some prices are unknown, or some
 * part of the scan could not be seen: `lowerBound`).
 */
export function formatTotal(summary: Pick<CostSummary, 'knownUsdPerHour' | 'unknownCount' | 'estimated'>, lowerBound = false): string {
  const prefix = summary.unknownCount > 0 || lowerBound ? '≥ ' : summary.estimated ? '≈ ' : '';
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
 * `$(check) $0/h` when nothing bills (still there: its tooltip says so, a click checks again),
 * `≥ ...` when part of the scan failed, "cost unknown" when all of it failed. Hidden only while
 * disabled, before the first scan, or with nobody to scan as.
 */
export function presentStatus(snapshot: CostSnapshot, options: StatusOptions): StatusView {
  const hidden: StatusView = { visible: false, text: '', warning: false, tooltip: '', accessibilityLabel: '' };
  if (snapshot.state === 'disabled' || snapshot.state === 'waitingForCredentials') return hidden;
  const { summary, scan } = snapshot;
  if (snapshot.failure) {
    const lastKnown = scan
      ? `\n\nLast known, ${formatAge(options.now - scan.at.getTime())} ago: ${formatTotal(summary, scan.completeness !== 'complete')} (${summary.count} running).`
      : '';
    return {
      visible: true,
      text: '$(warning) SageMaker cost unknown',
      warning: false,
      tooltip: `**SageMaker: cost unknown**\n\nThe last scan could not see anything: ${escape(snapshot.failure)}.${lastKnown}\n\nIt tries again on its own, less often while this lasts. Click to see the last known list.`,
      accessibilityLabel: `SageMaker cost unknown: the scan failed (${snapshot.failure})`,
    };
  }
  if (!scan) return hidden;
  const partial = scan.completeness === 'partial';
  const total = formatTotal(summary, partial);
  if (summary.count === 0 && !partial) {
    return {
      visible: true,
      text: '$(check) $0/h',
      warning: false,
      tooltip: tooltip(snapshot, options),
      accessibilityLabel: 'SageMaker: nothing bills by the hour',
    };
  }
  const warning = summary.knownUsdPerHour > options.thresholdUsdPerHour;
  const free = summary.knownUsdPerHour === 0 && summary.unknownCount === 0 && !partial;
  const icon = warning ? '$(warning)' : free ? '$(circle-large-outline)' : '$(cloud)';
  return {
    visible: true,
    text: `${icon} ${total} · ${summary.count} running`,
    warning,
    tooltip: tooltip(snapshot, options),
    accessibilityLabel: `SageMaker: ${partial ? 'at least ' : ''}${summary.count} running, ${total.replace('≥ ', 'at least ').replace('/h', ' per hour')}${partial ? '; part of the scan failed' : ''}`,
  };
}

/** "42 s", "12 min", "3 h 05 min", "2 d 4 h": how old a figure is. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function tooltip(snapshot: CostSnapshot, options: StatusOptions): string {
  const { summary, scan } = snapshot;
  const partial = scan?.completeness === 'partial';
  if (summary.count === 0 && !partial) {
    const lines = ['**SageMaker: $0/h, nothing bills by the hour**', ''];
    if (scan) lines.push(scanFootnotes(snapshot), '');
    if (scan) lines.push(`${scan.regions.length} region${scan.regions.length === 1 ? '' : 's'} scanned at ${formatDateTime(scan.at)}. Click to check again.`);
    return lines.filter((line, index, all) => line !== '' || all[index - 1] !== '').join('\n');
  }
  const total = formatTotal(summary, partial);
  const lines: string[] = [`**SageMaker: ${total} billing now** (${partial ? 'at least ' : ''}${summary.count} running)`, ''];
  // One table, so the columns of both groupings line up.
  lines.push('| | Running | $/h |', '| :--- | ---: | ---: |');
  const rows = (title: string, groups: ReadonlyArray<CostGroup>, name: (key: string) => string): void => {
    lines.push(`| **${title}** | | |`);
    for (const row of groups) {
      const rate = `${row.estimated ? '≈ ' : ''}${formatUsd(row.knownUsdPerHour)}${row.unknownCount > 0 ? ` + ${row.unknownCount} unknown` : ''}`;
      lines.push(`| ${escape(name(row.key))} | ${row.count} | ${rate} |`);
    }
  };
  rows('Region', summary.byRegion, (key) => key);
  rows('Kind', summary.byKind, (key) => kindLabel(key as BillableKind, 2));
  lines.push('');
  // Each sign explained is one shown above: ≥ in the total, ≈ in a row.
  if (total.startsWith('≥')) {
    const why = [
      summary.unknownCount > 0 ? `${summary.unknownCount} running with a price unknown ${summary.unknownCount === 1 ? 'is' : 'are'} not in it` : undefined,
      partial ? 'part of the scan failed (below)' : undefined,
    ].filter(Boolean);
    lines.push(`≥: at least this much; ${why.join(', and ')}.`, '');
  }
  if (summary.estimated) {
    const bases = [...new Set(snapshot.priced.flatMap((resource) => resource.price.bases))];
    lines.push(`≈: an estimate; a rate of another use stands in where this use's is not known (${escape(bases.join('; '))}).`, '');
  }
  lines.push(priceSourceLine(options.prices), '');
  const footnotes = scanFootnotes(snapshot, options.now);
  if (footnotes) lines.push(footnotes, '');
  if (scan) lines.push(`${scan.regions.length} region${scan.regions.length === 1 ? '' : 's'} scanned at ${formatDateTime(scan.at)}. Click to see everything running and shut things down.`);
  return lines.join('\n');
}

/** Skipped and failed regions and parts, figures kept from earlier scans, regions not scanned. */
function scanFootnotes(snapshot: CostSnapshot, now = Date.now()): string {
  const { scan } = snapshot;
  const lines: string[] = [];
  const skipped = scan?.regions.filter((region) => region.skipped && !scan.failed.some((entry) => entry.region === region.region && entry.part === undefined)) ?? [];
  if (skipped.length > 0) lines.push(`Skipped: ${skipped.map((region) => `${region.region} (${describeProblem(region.skipped!)})`).join(', ')}.`);
  const noted = scan?.regions.filter((region) => region.problems.some((problem) => !scan.failed.some((entry) => entry.problem === problem))) ?? [];
  for (const region of noted) {
    const problems = region.problems.filter((problem) => !scan!.failed.some((entry) => entry.problem === problem));
    lines.push(`${region.region}: could not list ${problems.map((problem) => `${partName(problem)} (${describeProblem(problem)})`).join(', ')}.`);
  }
  if (scan && scan.failed.length > 0) {
    const failed = scan.failed.map((entry) => `${entry.region} ${entry.part ? partNames[entry.part] : '(every part)'} (${describeProblem(entry.problem)})`);
    lines.push(`**Not seen in this scan:** ${failed.join('; ')}. What runs there is not in the total, except as last seen below.`);
  }
  if (scan && scan.carried.length > 0) {
    const byId = new Map(snapshot.priced.map((resource) => [resource.id, resource]));
    const carried = scan.carried.map((entry) => {
      const resource = byId.get(entry.id);
      return `${resource ? `${kindLabel(resource.kind).toLowerCase()} ${escape(resource.name)} (${resource.region})` : escape(entry.id)}, seen ${formatAge(now - entry.seenAt.getTime())} ago`;
    });
    lines.push(`Last known, kept from an earlier scan: ${carried.join('; ')}.`);
  }
  if (snapshot.ignoredRegions.length > 0) lines.push(`Not scanned (another partition or not a region): ${snapshot.ignoredRegions.join(', ')}.`);
  return lines.join('\n\n');
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

export interface ShutdownOutcomeView {
  readonly message: string;
  /** One line per resource, for "Show Details" (absent for a single resource: the message names it). */
  readonly details?: string;
}

/**
 * What was sent, readable however many: one resource named in full; several counted by action
 * ("delete 2 endpoints; stop 1 notebook instance and 3 training jobs"), the list behind Show Details.
 */
export function presentShutdownOutcome(resources: readonly PricedResource[]): ShutdownOutcomeView {
  const saved = formatTotal({
    knownUsdPerHour: resources.reduce((sum, resource) => sum + resource.price.knownUsdPerHour, 0),
    unknownCount: resources.filter((resource) => resource.price.usdPerHour === undefined).length,
    estimated: resources.some((resource) => resource.price.estimated),
  });
  const after = `Billing stops (${saved} saved) as soon as SageMaker has done it.`;
  if (resources.length === 1) {
    const [resource] = resources;
    return { message: `Sent: ${shutdownVerb(resource!.kind).toLowerCase()} ${resource!.name} (${resource!.region}). ${after}` };
  }
  const byVerb = new Map<string, Map<BillableKind, number>>();
  for (const resource of resources) {
    const verb = shutdownVerb(resource.kind).split(' ')[0]!.toLowerCase();
    const kinds = byVerb.get(verb) ?? new Map<BillableKind, number>();
    kinds.set(resource.kind, (kinds.get(resource.kind) ?? 0) + 1);
    byVerb.set(verb, kinds);
  }
  const actions = [...byVerb].map(([verb, kinds]) => {
    const counted = [...kinds].map(([kind, count]) => `${count} ${kindLabel(kind, count).toLowerCase()}`);
    return `${verb} ${counted.length > 1 ? `${counted.slice(0, -1).join(', ')} and ${counted[counted.length - 1]!}` : counted[0]!}`;
  });
  return {
    message: `Sent ${resources.length} shutdowns: ${actions.join('; ')}. ${after}`,
    details: resources.map((resource) => `• ${shutdownVerb(resource.kind)} ${resource.name} (${resource.region}), ${formatResourcePrice(resource)}`).join('\n'),
  };
}

/** Resources listed by name in one warning; the rest are counted (all are in the status bar's list). */
const maxNamedInWarning = 5;

export interface LongRunningWarningView {
  readonly message: string;
  readonly buttons: readonly string[];
}

/**
 * One notification for everything due at once: a single resource in full (with Shut Down, Snooze
 * and Don't Warn), several listed with age and rate, with Shut Down… offering the list.
 */
export function presentLongRunningWarning(resources: readonly PricedResource[]): LongRunningWarningView {
  if (resources.length === 1) return { message: longRunningMessage(resources[0]!), buttons: ['Shut Down', 'Snooze…', "Don't Warn for This Resource"] };
  const named = resources.slice(0, maxNamedInWarning).map((resource) => {
    const age = resource.runningMs !== undefined ? formatDuration(resource.runningMs) : 'a long time';
    return `${kindLabel(resource.kind).toLowerCase()} ${resource.name} (${resource.region}), ${age} at ${formatResourcePrice(resource)}`;
  });
  const more = resources.length - named.length;
  const total = formatTotal({
    knownUsdPerHour: resources.reduce((sum, resource) => sum + resource.price.knownUsdPerHour, 0),
    unknownCount: resources.filter((resource) => resource.price.usdPerHour === undefined).length,
    estimated: resources.some((resource) => resource.price.estimated),
  });
  return {
    message: `${resources.length} SageMaker resources have been running longer than your thresholds (${total} together): ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
    buttons: ['Shut Down…', 'Snooze All…', "Don't Warn for These"],
  };
}

/** Markdown-escapes text from the service or the user. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
