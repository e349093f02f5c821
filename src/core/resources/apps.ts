import type { AppDetails, AppType, DeleteAppCommandInput, DescribeAppResponse } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';
import { isCancellation } from '../util/cancellation';

/** What identifies a Studio app: its domain, its owner (a user profile or a space), type and name. */
export interface AppRef {
  readonly region: string;
  readonly domainId: string;
  readonly userProfileName?: string;
  readonly spaceName?: string;
  readonly appType: AppType;
  readonly appName: string;
}

/** A Studio app as ListApps describes it. */
export interface App extends AppRef {
  readonly status: string;
  /** `ml.t3.medium`, or `system` for the free instance of Studio Classic's JupyterServer. */
  readonly instanceType?: string;
  readonly created?: Date;
  readonly imageArn?: string;
}

export function toApp(region: string, details: AppDetails): App | undefined {
  if (!details.DomainId || !details.AppType || !details.AppName) return undefined;
  return {
    region,
    domainId: details.DomainId,
    // Apps in a space carry the space's name; the real service may add the creator's profile too.
    userProfileName: details.SpaceName ? undefined : details.UserProfileName,
    spaceName: details.SpaceName,
    appType: details.AppType,
    appName: details.AppName,
    status: details.Status ?? 'Unknown',
    instanceType: details.ResourceSpec?.InstanceType,
    created: details.CreationTime,
    imageArn: details.ResourceSpec?.SageMakerImageArn,
  };
}

/** Which apps to list; ListApps accepts a profile or a space, not both. */
export interface AppFilter {
  readonly domainId?: string;
  readonly userProfileName?: string;
  readonly spaceName?: string;
}

/** Apps matching `filter` (one ListApps call per page), newest first as the service sorts them. */
export async function listApps(clients: AwsClients, region: string, filter: AppFilter, signal?: AbortSignal): Promise<App[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const details = await collectPages(
    async (NextToken) => {
      const page = await client.send(
        new sagemaker.ListAppsCommand({
          DomainIdEquals: filter.domainId,
          UserProfileNameEquals: filter.userProfileName,
          SpaceNameEquals: filter.spaceName,
          NextToken,
          MaxResults: 100,
        }),
        { abortSignal: signal },
      );
      return { items: page.Apps ?? [], nextToken: page.NextToken };
    },
    { signal },
  );
  return details.map((item) => toApp(region, item)).filter((app): app is App => app !== undefined);
}

/** The members that name an app in DescribeApp and DeleteApp: an app has a space or a profile, not both. */
function appRequestMembers(app: AppRef): DeleteAppCommandInput {
  return {
    DomainId: app.domainId,
    UserProfileName: app.spaceName ? undefined : app.userProfileName,
    SpaceName: app.spaceName,
    AppType: app.appType,
    AppName: app.appName,
  };
}

export async function describeApp(clients: AwsClients, app: AppRef, signal?: AbortSignal): Promise<DescribeAppResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(app.region);
  return client.send(new sagemaker.DescribeAppCommand(appRequestMembers(app)), { abortSignal: signal });
}

/** Shuts a Studio app down (DeleteApp): its instance stops and stops billing; the space's data stays. */
export async function deleteApp(clients: AwsClients, app: AppRef, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(app.region);
  await client.send(new sagemaker.DeleteAppCommand(appRequestMembers(app)), { abortSignal: signal });
}

/** Apps that run (or are starting) on an instance and so can be shut down. */
export function canShutDown(app: Pick<App, 'status'>): boolean {
  return app.status === 'InService' || app.status === 'Pending';
}

/** "JupyterLab app default in space alice-lab": enough to tell apps apart in messages. */
export function describeAppRef(app: AppRef): string {
  const owner = app.spaceName ? `space ${app.spaceName}` : `user profile ${app.userProfileName ?? '?'}`;
  return `${app.appType} app ${app.appName} in ${owner}`;
}

/** The identity of an app, the same whether it came from a listing or a tree row. */
export function appKey(app: AppRef): string {
  const owner = app.spaceName ? `space/${app.spaceName}` : `user/${app.userProfileName ?? ''}`;
  return `${app.region}/${app.domainId}/${owner}/${app.appType}/${app.appName}`.toLowerCase();
}

export interface ShutdownResult {
  readonly app: AppRef;
  /** `cancelled`: never sent, because the user cancelled before its turn. */
  readonly outcome: 'shutDown' | 'failed' | 'cancelled';
  readonly error?: unknown;
}

export interface ShutdownOptions {
  readonly signal?: AbortSignal;
  /** Called as each app's DeleteApp settles. */
  readonly onSettled?: (result: ShutdownResult, settled: number, total: number) => void;
  /** DeleteApp calls in flight at once (the SDK retries throttling). */
  readonly concurrency?: number;
}

/**
 * Shuts several apps down, one DeleteApp each. A failure for one app is recorded and the others
 * carry on; a cancel stops sending (calls already sent are not undone).
 */
export async function shutDownApps(clients: AwsClients, apps: readonly AppRef[], options: ShutdownOptions = {}): Promise<ShutdownResult[]> {
  const results: ShutdownResult[] = new Array<ShutdownResult>(apps.length);
  let next = 0;
  let settled = 0;
  const worker = async (): Promise<void> => {
    while (next < apps.length) {
      const index = next++;
      const app = apps[index]!;
      let result: ShutdownResult;
      if (options.signal?.aborted) {
        result = { app, outcome: 'cancelled' };
      } else {
        try {
          await deleteApp(clients, app, options.signal);
          result = { app, outcome: 'shutDown' };
        } catch (error) {
          result = isCancellation(error) ? { app, outcome: 'cancelled', error } : { app, outcome: 'failed', error };
        }
      }
      results[index] = result;
      options.onSettled?.(result, ++settled, apps.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, apps.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return results;
}
