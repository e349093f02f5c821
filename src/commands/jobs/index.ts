import type { CommandDefinition } from '../command';
import { openLogs, stopFollowingLogs } from '../logs/openLogs';
import { copyModelArtifactUri } from './copyArtifactUri';
import { clearListFilter, filterList } from './filterList';
import { openJobPanel } from './openJobPanel';
import { stopJobs } from './stopJob';

/** The Training view's commands, and the log commands the Inference view shares. */
export const jobCommands: readonly CommandDefinition[] = [stopJobs, openJobPanel, copyModelArtifactUri, filterList, clearListFilter, openLogs, stopFollowingLogs];
