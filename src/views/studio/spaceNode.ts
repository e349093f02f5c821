import type * as vscode from 'vscode';
import type { DescribeSpaceResponse } from '@aws-sdk/client-sagemaker';
import type { AppFilter } from '../../core/resources/apps';
import { studioResourceArn, type Domain } from '../../core/resources/domains';
import { readIdleShutdown, type IdleShutdownState } from '../../core/resources/idleSettings';
import { describeSpace, type Space } from '../../core/resources/spaces';
import { isTransitional } from '../../core/resources/status';
import { describeFailure } from '../presenters/errorPresenter';
import { presentSpace } from '../presenters/studio';
import type { ExplorerNode } from '../tree/explorerNode';
import type { ResourceIdentity } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import { AppOwnerNode } from './appOwnerNode';
import type { ExplorerDeps } from './studioDeps';

/** A Studio space (shared under its domain, private under its owner): its apps are its children. */
export class SpaceNode extends AppOwnerNode {
  readonly resource: ResourceIdentity;

  constructor(
    readonly space: Space,
    domain: Domain,
    parent: ExplorerNode,
    deps: ExplorerDeps,
  ) {
    super(`${space.region}/domain/${space.domainId}/space/${space.name}`, parent, domain, deps);
    this.resource = {
      region: space.region,
      kind: 'space',
      name: space.name,
      arn: studioResourceArn(domain.arn, 'space', space.domainId, space.name),
    };
  }

  get transitional(): boolean {
    return isTransitional('space', this.space.status);
  }

  get appFilter(): AppFilter {
    return { domainId: this.space.domainId, spaceName: this.space.name };
  }

  get ownerDescription(): string {
    return `space ${this.space.name}`;
  }

  treeItem(): vscode.TreeItem {
    // The tooltip is left for resolveTreeItem: idle settings cost a DescribeSpace, paid on hover only.
    return toTreeItem({ ...presentSpace(this.space, { arn: this.resource.arn }), tooltip: undefined }, this.id);
  }

  async resolveTreeItem(item: vscode.TreeItem, signal: AbortSignal): Promise<vscode.TreeItem> {
    let idle: IdleShutdownState | string;
    try {
      idle = await readIdleShutdown(
        this.view.session.clients,
        { kind: 'space', region: this.space.region, domainId: this.space.domainId, spaceName: this.space.name },
        signal,
      );
    } catch (error) {
      idle = describeFailure('read the idle shutdown settings', error, this.view.session.connection).advice.reason;
    }
    item.tooltip = toTreeItem(presentSpace(this.space, { arn: this.resource.arn, idle }), this.id).tooltip;
    return item;
  }

  describe(signal?: AbortSignal): Promise<DescribeSpaceResponse> {
    return describeSpace(this.view.session.clients, this.space.region, this.space.domainId, this.space.name, signal);
  }
}
