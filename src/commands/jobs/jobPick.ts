import * as vscode from 'vscode';
import { jobKindNoun, type JobKind, type ListFilter } from '../../core/resources/jobs';
import { listProcessingJobsPage } from '../../core/resources/processingJobs';
import { formatInstances, listTrainingJobsPage, type InstanceAllocation } from '../../core/resources/trainingJobs';
import { listTransformJobsPage } from '../../core/resources/transformJobs';
import { listTuningJobsPage } from '../../core/resources/tuningJobs';
import { formatDuration } from '../../core/util/format';
import type { ExtensionServices } from '../../platform/services';

/** A job as the Command Palette's pickers offer it. */
export interface JobChoice {
  readonly kind: JobKind;
  readonly region: string;
  readonly name: string;
  readonly status: string;
  readonly created: Date;
  readonly instances: readonly InstanceAllocation[];
  readonly spot: boolean;
}

/** Jobs per kind a picker offers: one page of each, as large as the List APIs give. */
const pageSize = 100;

/** The newest jobs of the current region of each kind (one page each, listed concurrently), newest first within a kind. */
async function listJobChoices(services: ExtensionServices, kinds: readonly JobKind[], filter?: ListFilter): Promise<JobChoice[]> {
  const { clients, connection } = services.session;
  const region = connection.region;
  const request = { pageSize, filter };
  const options = { log: services.log };
  const pages = await Promise.all(
    kinds.map(async (kind): Promise<JobChoice[]> => {
      switch (kind) {
        case 'trainingJob':
          return (await listTrainingJobsPage(clients, region, request, options)).items.map((job) => ({ kind, ...job, spot: job.spot ?? false }));
        case 'tuningJob':
          return (await listTuningJobsPage(clients, region, request, options)).items.map((job) => ({ kind, ...job, instances: [], spot: false }));
        case 'processingJob':
          return (await listProcessingJobsPage(clients, region, request)).items.map((job) => ({ kind, ...job, spot: false }));
        case 'transformJob':
          return (await listTransformJobsPage(clients, region, request)).items.map((job) => ({ kind, ...job, spot: false }));
      }
    }),
  );
  return pages.flat();
}

/** The kinds in words: "training or processing jobs". */
function kindsInWords(kinds: readonly JobKind[]): string {
  const nouns = kinds.map((kind) => `${jobKindNoun[kind]}s`);
  return nouns.length <= 1 ? nouns.join('') : `${nouns.slice(0, -1).join(', ')} or ${nouns[nouns.length - 1]!}`;
}

export interface JobPickOptions {
  readonly title: string;
  readonly placeHolder: string;
  readonly kinds: readonly JobKind[];
  /** Only jobs in this state (for Stop: InProgress), say. */
  readonly filter?: ListFilter;
  readonly canPickMany?: boolean;
}

interface JobPickItem extends vscode.QuickPickItem {
  readonly choice?: JobChoice;
}

/**
 * From the Command Palette: the region's newest jobs of the given kinds, grouped by kind, each
 * with its status, instances and age. Empty when the user cancels or there is none.
 */
export async function pickJobs(services: ExtensionServices, options: JobPickOptions): Promise<JobChoice[]> {
  const region = services.session.connection.region;
  const choices = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Listing ${kindsInWords(options.kinds)} in ${region}` }, () =>
    listJobChoices(services, options.kinds, options.filter),
  );
  if (choices.length === 0) {
    const state = options.filter?.status === 'InProgress' ? ' running' : '';
    void vscode.window.showInformationMessage(`No${state} ${kindsInWords(options.kinds)} in ${region}.`);
    return [];
  }
  const now = Date.now();
  const items: JobPickItem[] = [];
  for (const kind of options.kinds) {
    const ofKind = choices.filter((choice) => choice.kind === kind);
    if (ofKind.length === 0) continue;
    if (options.kinds.length > 1) items.push({ label: `${jobKindNoun[kind]}s`, kind: vscode.QuickPickItemKind.Separator });
    items.push(
      ...ofKind.map((choice) => ({
        label: choice.name,
        description: [choice.status, formatInstances(choice.instances), choice.spot && 'spot', `${formatDuration(now - choice.created.getTime())} ago`].filter(Boolean).join(' · '),
        choice,
      })),
    );
  }
  const quickPick = { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true };
  if (options.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { ...quickPick, canPickMany: true });
    return picked?.flatMap((item) => (item.choice ? [item.choice] : [])) ?? [];
  }
  const picked = await vscode.window.showQuickPick(items, quickPick);
  return picked?.choice ? [picked.choice] : [];
}
