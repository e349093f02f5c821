import * as vscode from 'vscode';
import { listRecentJobs } from '../../core/resources/recentResources';
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
  const items = listRecentJobs(services.session.clients, region, kind, { completedOnly: options.completedOnly }).then((jobs) =>
    jobs.map((job) => ({
      label: job.name,
      description: job.status,
      detail: job.created ? `created ${formatDateTime(job.created)}` : undefined,
      name: job.name,
    })),
  );
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: `Jobs in ${region}, newest first`, matchOnDescription: true });
  return picked && { region, kind, name: picked.name };
}
