import type * as vscode from 'vscode';
import { EndpointConfigCache, describeEndpointConfig, listEndpointConfigsPage, type EndpointConfig } from '../../core/resources/endpointConfigs';
import { listEndpointsPage, type Endpoint } from '../../core/resources/endpoints';
import { describeModel, listModelsPage, type Model } from '../../core/resources/models';
import { presentEndpointConfig, presentModel } from '../presenters/inference';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import { PagedGroupNode, ResourceItemNode, type GroupSpec, type ResourceViewDeps } from '../training/listNodes';
import { EndpointNode } from './endpointNode';

export const inferencePageSize = 50;

export type InferenceGroupKey = 'endpoints' | 'endpointConfigs' | 'models';

const endpointStatuses = ['InService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting', 'OutOfService', 'Failed', 'UpdateRollbackFailed'];

function endpointGroup(deps: ResourceViewDeps, configs: EndpointConfigCache): GroupSpec<Endpoint> {
  const { view } = deps;
  return {
    key: 'endpoints',
    kind: 'endpoint',
    label: 'Endpoints',
    icon: 'radio-tower',
    noun: 'endpoints',
    pageSize: inferencePageSize,
    statuses: endpointStatuses,
    fetch: (region, request) => listEndpointsPage(view.session.clients, region, request, { configs, log: view.log }),
    createNode: (endpoint, group) => new EndpointNode(endpoint, group, deps),
    priceQueries: (endpoints) =>
      endpoints.flatMap((endpoint) =>
        endpoint.variants.flatMap((variant) => (variant.instanceType ? [{ region: endpoint.region, instanceType: variant.instanceType, use: 'hosting' as const }] : [])),
      ),
  };
}

function configGroup(deps: ResourceViewDeps, configs: EndpointConfigCache): GroupSpec<EndpointConfig> {
  const { view } = deps;
  return {
    key: 'endpointConfigs',
    kind: 'endpointConfig',
    label: 'Endpoint configurations',
    icon: 'settings',
    noun: 'endpoint configurations',
    pageSize: inferencePageSize,
    statuses: [],
    fetch: (region, request) => listEndpointConfigsPage(view.session.clients, region, request, configs),
    createNode: (config, group) =>
      new ResourceItemNode(config, group, {
        kind: 'endpointConfig',
        present: presentEndpointConfig,
        transitional: () => false,
        describe: (item, signal) => describeEndpointConfig(view.session.clients, item.region, item.name, signal),
      }),
  };
}

function modelGroup(deps: ResourceViewDeps): GroupSpec<Model> {
  const { view } = deps;
  return {
    key: 'models',
    kind: 'model',
    label: 'Models',
    icon: 'package',
    noun: 'models',
    pageSize: inferencePageSize,
    statuses: [],
    fetch: (region, request) => listModelsPage(view.session.clients, region, request),
    createNode: (model, group) =>
      new ResourceItemNode(model, group, {
        kind: 'model',
        present: presentModel,
        transitional: () => false,
        describe: (item, signal) => describeModel(view.session.clients, item.region, item.name, signal),
      }),
  };
}

/** The root of each view, by its view (the ExplorerView that `services.views` holds). */
const roots = new WeakMap<object, InferenceRootNode>();

export function rootOfView(view: object | undefined): InferenceRootNode | undefined {
  return view ? roots.get(view) : undefined;
}

/** The Inference view's invisible root: Endpoints, Endpoint configurations and Models of the region. */
export class InferenceRootNode extends ContainerNode {
  private groups: { region: string; clients: object; nodes: Array<PagedGroupNode<never>> } | undefined;
  /** Configs never change: each is described once, for endpoints and the config list alike. */
  readonly configs = new EndpointConfigCache();

  constructor(private readonly deps: ResourceViewDeps) {
    super('inference', undefined, deps.view);
    roots.set(deps.view, this);
  }

  private clearCaches(): void {
    this.configs.clear();
  }

  treeItem(): vscode.TreeItem {
    throw new Error('The root is not shown.');
  }

  protected get listAction(): string {
    return 'show the Inference view';
  }

  protected loadChildren(): Promise<ExplorerNode[]> {
    const { region } = this.view.session.connection;
    const { clients } = this.view.session;
    // Another region or another connection (profile, endpoint): new groups, and no cached describes.
    if (this.groups?.region !== region || this.groups.clients !== clients) {
      this.clearCaches();
      const specs = [endpointGroup(this.deps, this.configs), configGroup(this.deps, this.configs), modelGroup(this.deps)] as Array<GroupSpec<never>>;
      this.groups = { region, clients, nodes: specs.map((spec) => new PagedGroupNode(spec, region, this, this.deps)) };
    } else {
      for (const group of this.groups.nodes) group.invalidate();
    }
    return Promise.resolve(this.groups.nodes);
  }

  async group(key: InferenceGroupKey): Promise<PagedGroupNode<never> | undefined> {
    const groups = await this.children();
    return groups.find((node): node is PagedGroupNode<never> => node instanceof PagedGroupNode && node.spec.key === key);
  }
}
