import * as vscode from 'vscode';
import { loadSdk } from '../../core/aws/loadSdk';
import { formatDateTime } from '../../core/util/format';
import type { ExtensionServices } from '../../platform/services';
import type { ResourceIdentity } from '../../views/tree/resourceNode';

/** Asks for a recent training or tuning job (newest first), optionally only completed ones. */
export async function pickJob(
  services: ExtensionServices,
  kind: 'trainingJob' | 'tuningJob',
  options: { completedOnly?: boolean; title: string },
): Promise<ResourceIdentity | undefined> {
  const region = services.session.connection.region;
  const { sagemaker } = await loadSdk();
  const client = await services.session.clients.sagemaker(region);
  const status = options.completedOnly ? ('Completed' as const) : undefined;
  const items = (async (): Promise<Array<vscode.QuickPickItem & { name: string }>> => {
    if (kind === 'trainingJob') {
      const page = await client.send(new sagemaker.ListTrainingJobsCommand({ MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Descending', StatusEquals: status }));
      return (page.TrainingJobSummaries ?? []).map((job) => ({
        label: job.TrainingJobName ?? '',
        description: job.TrainingJobStatus,
        detail: job.CreationTime ? `created ${formatDateTime(job.CreationTime)}` : undefined,
        name: job.TrainingJobName ?? '',
      }));
    }
    const page = await client.send(new sagemaker.ListHyperParameterTuningJobsCommand({ MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Descending', StatusEquals: status }));
    return (page.HyperParameterTuningJobSummaries ?? []).map((job) => ({
      label: job.HyperParameterTuningJobName ?? '',
      description: job.HyperParameterTuningJobStatus,
      detail: job.CreationTime ? `created ${formatDateTime(job.CreationTime)}` : undefined,
      name: job.HyperParameterTuningJobName ?? '',
    }));
  })();
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: `Jobs in ${region}, newest first`, matchOnDescription: true });
  return picked && { region, kind, name: picked.name };
}
