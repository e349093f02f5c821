import { isResourceNode } from '../../views/tree/resourceNode';
import { jobPanels, type PanelKind, type PanelTarget } from '../../webviews/jobPanels';
import { defineCommand } from '../command';
import { pickJobs } from './jobPick';

const panelKinds: readonly string[] = ['trainingJob', 'tuningJob'];

function panelTargetOf(value: unknown): PanelTarget | undefined {
  if (isResourceNode(value)) {
    const { region, kind, name } = value.resource;
    return panelKinds.includes(kind) ? { region, kind: kind as PanelKind, name } : undefined;
  }
  const candidate = value as Partial<PanelTarget> | undefined;
  if (candidate && typeof candidate.region === 'string' && typeof candidate.name === 'string' && panelKinds.includes(String(candidate.kind))) {
    return { region: candidate.region, kind: candidate.kind as PanelKind, name: candidate.name };
  }
  return undefined;
}

/**
 * Opens a job's panel: for a training job its configuration, data, timeline, final metrics, cost
 * and metrics over time; for a tuning job the objective across its training jobs. Arguments: a
 * tree node or `{ region, kind: 'trainingJob' | 'tuningJob', name }`; from the Command Palette, a
 * job picked from the region's newest.
 */
export const openJobPanel = defineCommand(
  'sagemaker.openJobPanel',
  (target?: unknown) => `open the panel of ${panelTargetOf(target)?.name ?? 'the job'}`,
  async (services, target?: unknown) => {
    const picked = target ?? (await pickJobs(services, { title: 'Open Job Dashboard', placeHolder: 'Which job?', kinds: ['trainingJob', 'tuningJob'] }))[0];
    const resolved = panelTargetOf(picked);
    if (!resolved) return undefined;
    jobPanels(services).open(resolved);
    return resolved;
  },
);
