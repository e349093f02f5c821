import type * as vscode from 'vscode';
import type { DescribeAppResponse } from '@aws-sdk/client-sagemaker';
import type { PriceQuote } from '../../core/cost/priceCatalog';
import { describeApp, type App } from '../../core/resources/apps';
import { studioResourceArn, type Domain } from '../../core/resources/domains';
import { isTransitional } from '../../core/resources/status';
import { presentApp } from '../presenters/studio';
import type { RefreshableNode } from '../tree/explorerNode';
import type { ResourceIdentity, ResourceNode } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import type { ExplorerDeps } from './studioDeps';

/** The hourly price of a Studio app from the catalog (undefined: unknown, never 0). */
export function quoteApp(deps: Pick<ExplorerDeps, 'prices'>, app: App): PriceQuote | undefined {
  if (!app.instanceType) return undefined;
  return deps.prices.quote({ region: app.region, instanceType: app.instanceType, use: 'studio', appType: app.appType });
}

/** The id of the list that shows an app (its user profile or its space). */
export function appOwnerNodeId(app: Pick<App, 'region' | 'domainId' | 'userProfileName' | 'spaceName'>): string {
  const base = `${app.region}/domain/${app.domainId}`;
  return app.spaceName ? `${base}/space/${app.spaceName}` : `${base}/userProfile/${app.userProfileName ?? ''}`;
}

/** A Studio app: JupyterLab, CodeEditor, KernelGateway... */
export class AppNode implements ResourceNode {
  readonly id: string;
  readonly resource: ResourceIdentity;

  constructor(
    readonly app: App,
    readonly domain: Domain,
    readonly parent: RefreshableNode & { settle(): void },
    private readonly deps: ExplorerDeps,
  ) {
    this.id = `${appOwnerNodeId(app)}/app/${app.appType}/${app.appName}`;
    const owner = app.spaceName ?? app.userProfileName ?? '';
    this.resource = {
      region: app.region,
      kind: 'app',
      name: app.appName,
      arn: studioResourceArn(domain.arn, 'app', app.domainId, owner, app.appType, app.appName),
    };
  }

  get transitional(): boolean {
    return isTransitional('app', this.app.status);
  }

  get quote(): PriceQuote | undefined {
    return quoteApp(this.deps, this.app);
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentApp(this.app, { quote: this.quote, now: new Date(), arn: this.resource.arn }), this.id);
  }

  describe(signal?: AbortSignal): Promise<DescribeAppResponse> {
    return describeApp(this.deps.view.session.clients, this.app, signal);
  }
}

export function isAppNode(node: unknown): node is AppNode {
  return node instanceof AppNode;
}

/** Apps first by how much they matter now (running, moving, then the rest), then by type and name. */
export function compareApps(a: App, b: App): number {
  const rank = (app: App): number => (app.status === 'InService' ? 0 : app.status === 'Pending' || app.status === 'Deleting' ? 1 : 2);
  return rank(a) - rank(b) || a.appType.localeCompare(b.appType) || a.appName.localeCompare(b.appName);
}
