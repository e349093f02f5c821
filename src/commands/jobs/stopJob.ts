import * as vscode from 'vscode';
import type { InstanceUse, PriceCatalog } from '../../core/cost/priceCatalog';
import { stopJob, type JobKind } from '../../core/resources/jobs';
import type { InstanceAllocation } from '../../core/resources/trainingJobs';
import { formatHourly } from '../../core/util/format';
import type { ExtensionServices } from '../../platform/services';
import { jobLabel } from '../../views/presenters/training';
import { jobNodeInfo } from '../../views/training/jobNodes';
import { defineCommand, selectedNodes } from '../command';
import { pickJobs } from './jobPick';
import { reportOutcomes, runPerItem } from './perItem';

/** A job to stop, from a row or from the palette's pick. */
interface StopTarget {
  readonly kind: JobKind;
  readonly region: string;
  readonly name: string;
  readonly instances: readonly InstanceAllocation[];
  readonly spot: boolean;
}

const stoppable = new Set(['InProgress']);

const useOf: Record<JobKind, InstanceUse | undefined> = {
  trainingJob: 'training',
  tuningJob: undefined,
  processingJob: 'processing',
  transformJob: 'batchTransform',
};

/** What stopping saves per hour: its instances × their rate, when known. */
export function hourlySaving(target: StopTarget, prices: PriceCatalog): number | undefined {
  const use = target.kind === 'trainingJob' && target.spot ? 'spotTraining' : useOf[target.kind];
  if (!use || target.instances.length === 0) return undefined;
  let total = 0;
  for (const instance of target.instances) {
    const quote =
      prices.quote({ region: target.region, instanceType: instance.type, use }) ??
      (use === 'spotTraining' ? prices.quote({ region: target.region, instanceType: instance.type, use: 'training' }) : undefined);
    if (!quote) return undefined;
    total += quote.usdPerHour * instance.count;
  }
  return total;
}

/** The running jobs of the current region, for the palette (one listing per kind, filtered to InProgress). */
async function pickRunningJobs(services: ExtensionServices): Promise<StopTarget[]> {
  return pickJobs(services, {
    title: `Stop running jobs in ${services.session.connection.region}`,
    placeHolder: 'Select the jobs to stop',
    kinds: ['trainingJob', 'tuningJob', 'processingJob', 'transformJob'],
    filter: { status: 'InProgress' },
    canPickMany: true,
  });
}

/**
 * Stops training, tuning, processing or transform jobs (the selection, or picked from the running
 * ones), after a modal confirmation naming each job and what it costs per hour. Each job is
 * stopped on its own; the rows then follow the job to Stopped.
 */
export const stopJobs = defineCommand(
  'sagemaker.stopJob',
  (node?: unknown) => {
    const info = jobNodeInfo(node);
    return info ? `stop the ${jobLabel(info.kind, info.name)}` : 'stop the jobs';
  },
  async (services, node?: unknown, nodes?: unknown[]) => {
    let targets: StopTarget[] = selectedNodes(node, nodes)
      .map(jobNodeInfo)
      .filter((info): info is NonNullable<typeof info> => info !== undefined && (info.status === undefined || stoppable.has(info.status)));
    if (targets.length === 0 && node === undefined) targets = await pickRunningJobs(services);
    if (targets.length === 0) return;

    const lines = targets.map((target) => {
      const saving = hourlySaving(target, services.prices);
      return `• ${jobLabel(target.kind, target.name)}${saving !== undefined ? ` (${formatHourly(saving)})` : ''}`;
    });
    const [only] = targets;
    const question = only && targets.length === 1 ? `Stop the ${jobLabel(only.kind, only.name)}?` : `Stop these ${targets.length} jobs?`;
    const detail = only && targets.length === 1 ? singleStopDetail(only.kind, hourlySaving(only, services.prices)) : `${lines.join('\n')}\n\nA stopped job cannot be resumed. Training jobs save their model artifacts up to the point they stop; tuning jobs stop every training job they run.`;
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Stop');
    if (answer !== 'Stop') return;

    const outcomes = await runPerItem(
      targets.length === 1 ? `Stopping ${targets[0]!.name}…` : `Stopping ${targets.length} jobs…`,
      targets,
      (target) => target.name,
      (target, signal) => stopJob(services.session.clients, target.kind, target.region, target.name, signal),
    );
    for (const outcome of outcomes) {
      if (outcome.error !== undefined) continue;
      const { kind, region, name } = outcome.item;
      services.log.info(`Stopping ${jobLabel(kind, name)} (${region})`);
      services.resourceEvents.changed({ region, kind, name });
    }
    await reportOutcomes(services, outcomes, {
      done: (target) => `Stopping ${jobLabel(target.kind, target.name)}`,
      action: (target) => `stop the ${jobLabel(target.kind, target.name)}`,
      summary: 'Stop jobs',
    });
  },
);

/** The confirmation's detail for one job: the question names it, so no list of one. */
function singleStopDetail(kind: StopTarget['kind'], saving: number | undefined): string {
  const after =
    kind === 'trainingJob'
      ? ' Its model artifacts are saved up to the point it stops.'
      : kind === 'tuningJob'
        ? ' Every training job it runs stops too.'
        : '';
  return `${saving !== undefined ? `Saves ${formatHourly(saving)}. ` : ''}A stopped job cannot be resumed.${after}`;
}
