import { isRefreshable } from '../views/tree/explorerNode';
import { defineCommand } from './command';

/** Refreshes the clicked list, or everything (and the connection check) from a title or palette. */
export const refresh = defineCommand('sagemaker.refresh', 'refresh', async (services, node?: unknown) => {
  if (isRefreshable(node)) {
    node.refresh();
    return;
  }
  await services.applySettings();
  await services.monitor.recheck();
  services.refreshAll();
});

export const showLog = defineCommand('sagemaker.showLog', 'show the log', (services) => services.log.show());
