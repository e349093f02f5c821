import { formatQuote, type PriceQuote } from '../../core/cost/priceCatalog';
import type { NotebookInstance } from '../../core/resources/notebookInstances';
import { statusTone } from '../../core/resources/status';
import { formatDateTime, formatDuration } from '../../core/util/format';
import { contextValue } from './contextValues';
import { tooltipTable, type NodePresentation } from './presentation';
import { statusIcon } from './status';

export interface NotebookExtras {
  readonly quote: PriceQuote | undefined;
  readonly now: Date;
}

/** Statuses in which a notebook instance's instance runs (and bills, or is about to). */
export function notebookRuns(status: string): boolean {
  return status === 'InService' || status === 'Pending' || status === 'Updating' || status === 'Stopping';
}

export function presentNotebookInstance(instance: NotebookInstance, extras: NotebookExtras): NodePresentation {
  const tone = statusTone('notebookInstance', instance.status);
  const age = instance.created ? formatDuration(extras.now.getTime() - instance.created.getTime()) : undefined;
  // A started instance goes InService at its last modification: that is how long it has run.
  const runningFor =
    instance.status === 'InService' && instance.lastModified ? formatDuration(extras.now.getTime() - instance.lastModified.getTime()) : undefined;
  return {
    label: instance.name,
    description: [
      instance.status !== 'InService' && instance.status,
      instance.instanceType,
      age,
      notebookRuns(instance.status) && formatQuote(extras.quote),
      instance.lifecycleConfig && `lifecycle: ${instance.lifecycleConfig}`,
    ]
      .filter(Boolean)
      .join(' · '),
    icon: tone === 'stopped' ? { id: 'notebook', color: 'disabledForeground' } : statusIcon(tone),
    tooltip: tooltipTable(`Notebook instance ${instance.name}`, [
      ['Status', instance.status],
      ['Instance type', instance.instanceType],
      ['Hourly price', formatQuote(extras.quote)],
      ['Running for', runningFor],
      ['Age', age],
      ['Lifecycle configuration', instance.lifecycleConfig ?? 'none'],
      ['Idle shutdown', instance.lifecycleConfig ? 'only if its lifecycle configuration sets it up' : 'none (notebook instances run until stopped)'],
      ['Region', instance.region],
      ['ARN', instance.arn],
      ['Created', instance.created && formatDateTime(instance.created)],
      ['Last modified', instance.lastModified && formatDateTime(instance.lastModified)],
    ]),
    contextValue: contextValue('notebookInstance', instance.status, instance.lifecycleConfig && 'lifecycle'),
    collapsible: 'none',
  };
}
