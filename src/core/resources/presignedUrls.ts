import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';

/*
 * Presigned URLs sign the user straight in: whoever holds one is the user for its lifetime. The
 * callers hand them to the browser and drop them: never log, show, store or put them in an error.
 */

export interface StudioTarget {
  readonly region: string;
  readonly domainId: string;
  /** Studio signs in as a user profile, also when it opens a space. */
  readonly userProfileName: string;
  readonly spaceName?: string;
}

/** A URL that opens Studio as the profile (and straight into the space, when given). Valid for 5 minutes. */
export async function createStudioUrl(clients: AwsClients, target: StudioTarget, signal?: AbortSignal): Promise<string> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(target.region);
  const answer = await client.send(
    new sagemaker.CreatePresignedDomainUrlCommand({
      DomainId: target.domainId,
      UserProfileName: target.userProfileName,
      SpaceName: target.spaceName,
      ExpiresInSeconds: 300,
    }),
    { abortSignal: signal },
  );
  if (!answer.AuthorizedUrl) throw new Error('SageMaker returned no Studio URL.');
  return answer.AuthorizedUrl;
}

/** A URL that opens the notebook instance's JupyterLab. Valid for 5 minutes. */
export async function createNotebookInstanceUrl(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<string> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const answer = await client.send(
    new sagemaker.CreatePresignedNotebookInstanceUrlCommand({ NotebookInstanceName: name }),
    { abortSignal: signal },
  );
  if (!answer.AuthorizedUrl) throw new Error(`SageMaker returned no URL for notebook instance ${name}.`);
  return answer.AuthorizedUrl;
}

/** Notebook instances open JupyterLab when the URL asks for it (the classic Jupyter view otherwise). */
export function jupyterLabUrl(authorizedUrl: string): string {
  const url = new URL(authorizedUrl);
  url.searchParams.set('view', 'lab');
  return url.toString();
}
