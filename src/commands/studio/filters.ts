import type { ExtensionServices } from '../../platform/services';
import type { ViewFilterState } from '../../views/studio/viewFilter';
import { defineCommand, type CommandDefinition } from '../command';

/** Changes a view's filter and lists the view again with it. */
async function applyFilter(services: ExtensionServices, viewId: string, change: Partial<ViewFilterState>): Promise<void> {
  const filter = services.filters.get(viewId);
  if (!filter) return;
  await filter.update(change);
  services.views.get(viewId)?.refresh();
}

/** A pair of title-bar toggles for one view: "Show Running Only" and "Show All". */
export function filterCommands(viewId: string, runningOnlyId: string, showAllId: string): CommandDefinition[] {
  return [
    defineCommand(runningOnlyId, 'filter the view', (services) => applyFilter(services, viewId, { runningOnly: true })),
    defineCommand(showAllId, 'clear the filter', (services) => applyFilter(services, viewId, { runningOnly: false })),
  ];
}

export const studioFilterCommands: readonly CommandDefinition[] = [
  ...filterCommands('sagemaker.studio', 'sagemaker.showRunningAppsOnly', 'sagemaker.showAllApps'),
  defineCommand('sagemaker.showDeletedApps', 'show deleted apps', (services) => applyFilter(services, 'sagemaker.studio', { showDeleted: true })),
  defineCommand('sagemaker.hideDeletedApps', 'hide deleted apps', (services) => applyFilter(services, 'sagemaker.studio', { showDeleted: false })),
];
