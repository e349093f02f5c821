import * as vscode from 'vscode';
import { cloneJob, specToYaml } from '../../core/launch/cloneSpec';
import { baseOfName } from '../../core/launch/naming';
import { defineCommand } from '../command';
import { pickJob } from './jobPickers';
import { launchFeature, resourceArg } from './launchContext';
import { writeSpecFile } from './specFiles';

/**
 * Writes the spec that recreates a training or tuning job (its request, a fresh `${timestamp}`
 * name, its tags), to edit and launch again. Returns the spec file's URI.
 */
export const cloneAsSpec = defineCommand(
  'sagemaker.cloneAsSpec',
  (node?: unknown) => {
    const job = resourceArg(node, ['trainingJob', 'tuningJob']);
    return job ? `clone ${job.name} as a spec` : 'clone a job as a spec';
  },
  async (services, node?: unknown): Promise<vscode.Uri | undefined> => {
    let job = resourceArg(node, ['trainingJob', 'tuningJob']);
    if (!job) {
      const kind = await vscode.window.showQuickPick(
        [
          { label: 'Training job', jobKind: 'trainingJob' as const },
          { label: 'Hyperparameter tuning job', jobKind: 'tuningJob' as const },
        ],
        { title: 'Clone which kind of job?' },
      );
      if (!kind) return undefined;
      job = await pickJob(services, kind.jobKind, { title: 'Clone which job as a spec?' });
    }
    if (!job) return undefined;
    const feature = launchFeature(services);
    const specKind = job.kind === 'trainingJob' ? 'training' : 'tuning';
    const spec = await cloneJob(
      services.session.clients,
      job.region,
      specKind,
      job.name,
      await feature.services.resources.validator(specKind),
      await feature.services.resources.images(),
    );
    const text = await specToYaml(spec, [
      `Cloned from ${specKind} job ${job.name} (${job.region}). Launch it with the lens above, or edit it first.`,
      'Placeholders: ${timestamp}, ${region}, ${account}, ${defaultBucket}, ${role}, ${image:<name>:<version>}.',
    ]);
    return writeSpecFile(baseOfName(job.name), specKind, text);
  },
);
