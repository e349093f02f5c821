import type { CommandDefinition } from '../command';
import { filterCommands } from '../studio/filters';
import { notebookViewId } from '../../views/notebooks/notebookView';

export const notebookFilterCommands: readonly CommandDefinition[] = filterCommands(
  notebookViewId,
  'sagemaker.showRunningNotebookInstancesOnly',
  'sagemaker.showAllNotebookInstances',
);
