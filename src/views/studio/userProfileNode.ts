import type * as vscode from 'vscode';
import type { DescribeUserProfileResponse } from '@aws-sdk/client-sagemaker';
import type { AppFilter } from '../../core/resources/apps';
import { studioResourceArn, type Domain } from '../../core/resources/domains';
import { readIdleShutdown, type IdleShutdownState } from '../../core/resources/idleSettings';
import type { Space } from '../../core/resources/spaces';
import { isTransitional } from '../../core/resources/status';
import { describeUserProfile, type UserProfile } from '../../core/resources/userProfiles';
import { describeFailure } from '../presenters/errorPresenter';
import { presentUserProfile } from '../presenters/studio';
import type { ExplorerNode } from '../tree/explorerNode';
import type { ResourceIdentity } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import { AppOwnerNode } from './appOwnerNode';
import { SpaceNode } from './spaceNode';
import type { ExplorerDeps } from './studioDeps';

/**
 * A user profile: its private spaces (known from the domain's ListSpaces, by their owner) and
 * the apps it runs itself (Studio Classic's JupyterServer and KernelGateway apps).
 */
export class UserProfileNode extends AppOwnerNode {
  readonly resource: ResourceIdentity;

  constructor(
    readonly profile: UserProfile,
    readonly privateSpaces: readonly Space[],
    domain: Domain,
    parent: ExplorerNode,
    deps: ExplorerDeps,
  ) {
    super(`${profile.region}/domain/${profile.domainId}/userProfile/${profile.name}`, parent, domain, deps);
    this.resource = {
      region: profile.region,
      kind: 'userProfile',
      name: profile.name,
      arn: studioResourceArn(domain.arn, 'user-profile', profile.domainId, profile.name),
    };
  }

  /** Moving while the profile or one of its private spaces moves: the domain's listing shows both. */
  get transitional(): boolean {
    return isTransitional('userProfile', this.profile.status) || this.privateSpaces.some((space) => isTransitional('space', space.status));
  }

  get appFilter(): AppFilter {
    return { domainId: this.profile.domainId, userProfileName: this.profile.name };
  }

  get ownerDescription(): string {
    return `user profile ${this.profile.name}`;
  }

  protected override leadingChildren(): ExplorerNode[] {
    return this.privateSpaces.map((space) => new SpaceNode(space, this.domain, this, this.deps));
  }

  protected override emptyMessage(): string {
    return this.deps.filter.runningOnly ? 'No running apps' : 'No apps or private spaces';
  }

  treeItem(): vscode.TreeItem {
    // The tooltip is left for resolveTreeItem: idle settings cost a Describe, paid on hover only.
    return toTreeItem({ ...this.presentation(), tooltip: undefined }, this.id);
  }

  async resolveTreeItem(item: vscode.TreeItem, signal: AbortSignal): Promise<vscode.TreeItem> {
    let idle: IdleShutdownState | string;
    try {
      idle = await readIdleShutdown(
        this.view.session.clients,
        { kind: 'userProfile', region: this.profile.region, domainId: this.profile.domainId, userProfileName: this.profile.name },
        signal,
      );
    } catch (error) {
      idle = describeFailure('read the idle shutdown settings', error, this.view.session.connection).advice.reason;
    }
    item.tooltip = toTreeItem(this.presentation(idle), this.id).tooltip;
    return item;
  }

  describe(signal?: AbortSignal): Promise<DescribeUserProfileResponse> {
    return describeUserProfile(this.view.session.clients, this.profile.region, this.profile.domainId, this.profile.name, signal);
  }

  private presentation(idle?: IdleShutdownState | string): ReturnType<typeof presentUserProfile> {
    return presentUserProfile(this.profile, { arn: this.resource.arn, idle, privateSpaces: this.privateSpaces.length });
  }
}
