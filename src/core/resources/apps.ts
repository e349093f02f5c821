import type { AppType } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';

/** What identifies a Studio app: its domain, its owner (a user profile or a space), type and name. */
export interface AppRef {
  readonly region: string;
  readonly domainId: string;
  readonly userProfileName?: string;
  readonly spaceName?: string;
  readonly appType: AppType;
  readonly appName: string;
}

/** Shuts a Studio app down (DeleteApp): its instance stops and stops billing; the space's data stays. */
export async function deleteApp(clients: AwsClients, app: AppRef, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(app.region);
  await client.send(
    new sagemaker.DeleteAppCommand({
      DomainId: app.domainId,
      UserProfileName: app.spaceName ? undefined : app.userProfileName,
      SpaceName: app.spaceName,
      AppType: app.appType,
      AppName: app.appName,
    }),
    { abortSignal: signal },
  );
}
