import type { CommandDefinition } from './command';
import { cloneAsSpec } from './launch/cloneAsSpec';
import { deployBestTrainingJob, deployCommand } from './launch/deployModel';
import { launchSpec } from './launch/launchSpec';
import { newTrainingJob } from './launch/newTrainingJob';
import { resetCostWarnings } from './cost/resetCostWarnings';
import { scanBillingNow, showBillingNow } from './cost/showBillingNow';
import { shutDownBilling } from './cost/shutDownBilling';
import { selectProfile } from './connection/selectProfile';
import { selectRegion } from './connection/selectRegion';
import { ssoLogin } from './connection/ssoLogin';
import { refresh, showLog } from './refresh';
import { copyArn, copyName } from './resource/copy';
import { showDetails } from './resource/showDetails';
import { loadMore } from './tree/loadMore';
import { retryNode } from './tree/retryNode';
import { configureIdleShutdown } from './studio/configureIdleShutdown';
import { studioFilterCommands } from './studio/filters';
import { openStudio } from './studio/openStudio';
import { shutDownAllApps } from './studio/shutDownAllApps';
import { shutDownApp } from './studio/shutDownApp';
import { deleteNotebookInstanceCommand } from './notebooks/deleteNotebookInstance';
import { notebookFilterCommands } from './notebooks/filters';
import { openNotebookInstance } from './notebooks/openNotebookInstance';
import { startNotebookInstanceCommand } from './notebooks/startNotebookInstance';
import { stopNotebookInstanceCommand } from './notebooks/stopNotebookInstance';
import { inferenceCommands } from './inference/index';
import { jobCommands } from './jobs/index';

/** Every command the extension registers; each feature adds its own list here. */
export const commandTable: readonly CommandDefinition[] = [
  // connection and views
  selectProfile,
  selectRegion,
  ssoLogin,
  refresh,
  showLog,
  retryNode,
  loadMore,
  // any resource
  copyName,
  copyArn,
  showDetails,
  // Studio
  shutDownApp,
  shutDownAllApps,
  openStudio,
  configureIdleShutdown,
  ...studioFilterCommands,
  // notebook instances
  stopNotebookInstanceCommand,
  startNotebookInstanceCommand,
  deleteNotebookInstanceCommand,
  openNotebookInstance,
  ...notebookFilterCommands,
  // training, tuning, processing and transform jobs; logs
  ...jobCommands,
  // endpoints, endpoint configs and models
  ...inferenceCommands,
  // cost guard
  showBillingNow,
  scanBillingNow,
  shutDownBilling,
  resetCostWarnings,
  // launch: spec files, training, tuning, deployment
  launchSpec,
  newTrainingJob,
  cloneAsSpec,
  deployCommand,
  deployBestTrainingJob,
];
