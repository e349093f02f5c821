import type { CommandDefinition } from './command';
import { selectProfile } from './connection/selectProfile';
import { selectRegion } from './connection/selectRegion';
import { ssoLogin } from './connection/ssoLogin';
import { refresh, showLog } from './refresh';
import { copyArn, copyName } from './resource/copy';
import { showDetails } from './resource/showDetails';
import { loadMore } from './tree/loadMore';
import { retryNode } from './tree/retryNode';

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
];
