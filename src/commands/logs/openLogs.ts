import * as vscode from 'vscode';
import { isLoggingKind } from '../../core/logs/logSources';
import { isResourceNode } from '../../views/tree/resourceNode';
import { defineCommand } from '../command';
import { pickJobs } from '../jobs/jobPick';
import { logViewer, type LogSessionHandle, type LogTarget } from './logViewer';

/** A tree node, or `{ region, kind, name }` from another feature (the launch flow, say). */
export function logTargetOf(value: unknown): LogTarget | undefined {
  if (isResourceNode(value)) {
    const { region, kind, name } = value.resource;
    return isLoggingKind(kind) ? { region, kind, name } : undefined;
  }
  const candidate = value as Partial<LogTarget> | undefined;
  if (candidate && typeof candidate.region === 'string' && typeof candidate.name === 'string' && typeof candidate.kind === 'string' && isLoggingKind(candidate.kind)) {
    return { region: candidate.region, kind: candidate.kind, name: candidate.name };
  }
  return undefined;
}

/**
 * Opens a training, processing or transform job's (or an endpoint's) CloudWatch logs, every
 * stream in time order, and follows new lines while it runs. Arguments: a tree node or
 * `{ region, kind: 'trainingJob' | 'processingJob' | 'transformJob' | 'endpoint', name }`; from the
 * Command Palette, a job picked from the region's newest. Returns the session (lines so far,
 * state, a promise of its end).
 */
export const openLogs = defineCommand(
  'sagemaker.openLogs',
  (target?: unknown) => {
    const resolved = logTargetOf(target);
    return resolved ? `open the logs of ${resolved.name}` : 'open the logs';
  },
  async (services, target?: unknown): Promise<LogSessionHandle | undefined> => {
    const picked = target ?? (await pickJobs(services, { title: 'Open Logs', placeHolder: 'Whose CloudWatch logs?', kinds: ['trainingJob', 'processingJob', 'transformJob'] }))[0];
    const resolved = logTargetOf(picked);
    if (!resolved) return undefined;
    return logViewer(services).open(resolved);
  },
);

/** Stops following one log (asks which when several follow) or the one given. */
export const stopFollowingLogs = defineCommand('sagemaker.stopFollowingLogs', 'stop following logs', async (services, target?: unknown) => {
  const viewer = logViewer(services);
  const resolved = logTargetOf(target);
  if (resolved) {
    viewer.stop(`${resolved.region}/${resolved.kind}/${resolved.name}`);
    return;
  }
  const following = viewer.following;
  if (following.length === 0) {
    vscode.window.setStatusBarMessage('No SageMaker logs are being followed.', 3000);
    return;
  }
  if (following.length === 1) {
    viewer.stop(following[0]!.key);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'All of them', key: undefined as string | undefined, description: `${following.length} logs` },
      ...following.map((session) => ({ label: session.channelName.replace(/^SageMaker: /, ''), key: session.key, description: `${session.lines} lines` })),
    ],
    { title: 'Stop following which log?' },
  );
  if (!picked) return;
  viewer.stop(picked.key);
});
