import type * as vscode from 'vscode';
import { describeEndpoint, type Endpoint, type EndpointVariant } from '../../core/resources/endpoints';
import { isTransitional } from '../../core/resources/status';
import { presentConfigReference, presentEndpoint, presentVariant } from '../presenters/inference';
import type { ExplorerNode } from '../tree/explorerNode';
import type { PagedItemNode } from '../tree/pagedContainerNode';
import type { ResourceIdentity, ResourceNode } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import type { ResourceViewDeps } from '../training/listNodes';
import { describeEndpointConfig } from '../../core/resources/endpointConfigs';

/**
 * An endpoint: status, capacity and hourly price on its row; its production variants (instance
 * type × current count, or serverless settings, and the model) and its config as children. The
 * children come from what the listing already fetched: expanding costs no call.
 */
export class EndpointNode implements PagedItemNode<Endpoint>, ResourceNode {
  readonly id: string;
  private current: Endpoint;

  constructor(
    endpoint: Endpoint,
    readonly parent: ExplorerNode,
    private readonly deps: ResourceViewDeps,
  ) {
    this.current = endpoint;
    this.id = `${endpoint.region}/endpoint/${endpoint.name}`;
  }

  get endpoint(): Endpoint {
    return this.current;
  }

  get resource(): ResourceIdentity {
    return { region: this.current.region, kind: 'endpoint', name: this.current.name, arn: this.current.arn };
  }

  get transitional(): boolean {
    return isTransitional('endpoint', this.current.status);
  }

  update(endpoint: Endpoint): void {
    this.current = endpoint;
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentEndpoint(this.current, this.deps.prices), this.id, [this]);
  }

  children(): Promise<ExplorerNode[]> {
    const rows: ExplorerNode[] = this.current.variants.map((variant) => new VariantNode(variant, this, this.deps));
    if (this.current.configName) rows.push(new ConfigReferenceNode(this.current.configName, this, this.deps));
    return Promise.resolve(rows);
  }

  describe(signal?: AbortSignal): Promise<unknown> {
    return describeEndpoint(this.deps.view.session.clients, this.current.region, this.current.name, signal);
  }
}

class VariantNode implements ExplorerNode {
  readonly id: string;

  constructor(
    private readonly variant: EndpointVariant,
    readonly parent: EndpointNode,
    private readonly deps: ResourceViewDeps,
  ) {
    this.id = `${parent.id}/variant/${variant.name}`;
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentVariant(this.variant, this.parent.endpoint, this.deps.prices), this.id);
  }
}

/** "config: name" under an endpoint; Show Details and Copy Name work on it. */
class ConfigReferenceNode implements ResourceNode {
  readonly id: string;
  readonly resource: ResourceIdentity;

  constructor(
    private readonly configName: string,
    readonly parent: EndpointNode,
    private readonly deps: ResourceViewDeps,
  ) {
    this.id = `${parent.id}/config`;
    this.resource = { region: parent.endpoint.region, kind: 'endpointConfig', name: configName };
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentConfigReference(this.configName), this.id, [this]);
  }

  describe(signal?: AbortSignal): Promise<unknown> {
    return describeEndpointConfig(this.deps.view.session.clients, this.resource.region, this.configName, signal);
  }
}
