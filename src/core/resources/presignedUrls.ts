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

/** Host names of AWS services that presigned sign-in URLs point at (Studio, notebook instances). */
const awsHostSuffixes = ['.sagemaker.aws', '.amazonaws.com', '.amazonaws.com.cn', '.api.aws'];

/** Thrown instead of opening a presigned URL that does not go to AWS; names the host, never the URL. */
export class UntrustedPresignedUrlError extends Error {
  override readonly name = 'UntrustedPresignedUrlError';
}

/**
 * The rule for handing a presigned URL to the browser: https to an AWS host, or an address of
 * the configured SageMaker endpoint (`trustedEndpoint`, which the caller passes only when the
 * setup is trusted: a machine setting in a trusted workspace). Returns the URL, or throws a
 * message that says where it pointed without the URL itself (it signs the user in).
 */
export function checkPresignedUrl(authorizedUrl: string, trustedEndpoint?: string): string {
  let url: URL;
  try {
    url = new URL(authorizedUrl);
  } catch {
    throw new UntrustedPresignedUrlError('SageMaker returned a sign-in URL that is not a valid URL; it was not opened.');
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:' && !url.username && !url.password && awsHostSuffixes.some((suffix) => host.endsWith(suffix))) return authorizedUrl;
  if (trustedEndpoint !== undefined && sameOrigin(url, trustedEndpoint)) return authorizedUrl;
  const where = `${url.protocol.replace(/:$/, '')}://${url.host}`;
  throw new UntrustedPresignedUrlError(
    `SageMaker returned a sign-in URL to ${where}, which is not an https address of AWS${trustedEndpoint ? ' or of the configured endpoint' : ''}; it was not opened.`,
  );
}

function sameOrigin(url: URL, endpoint: string): boolean {
  try {
    const trusted = new URL(endpoint.split('{region}').join('region'));
    return !url.username && !url.password && url.protocol === trusted.protocol && url.host.toLowerCase() === trusted.host.toLowerCase();
  } catch {
    return false;
  }
}
