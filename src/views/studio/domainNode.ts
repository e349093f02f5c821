import type * as vscode from 'vscode';
import type { DescribeDomainResponse } from '@aws-sdk/client-sagemaker';
import { describeDomain, isUnifiedStudioDomain, type Domain } from '../../core/resources/domains';
import { domainIdleShutdown } from '../../core/resources/idleSettings';
import { groupSpacesByOwner, listSpaces, type Space } from '../../core/resources/spaces';
import { isTransitional } from '../../core/resources/status';
import { listUserProfiles } from '../../core/resources/userProfiles';
import { presentDomain } from '../presenters/studio';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import type { ResourceIdentity, ResourceNode } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import { SpaceNode } from './spaceNode';
import type { ExplorerDeps } from './studioDeps';
import { UserProfileNode } from './userProfileNode';

/**
 * A Studio domain: its user profiles, then its shared spaces. Expanding it costs one
 * ListUserProfiles and one ListSpaces call per page (in parallel); private spaces go under
 * their owner from the same ListSpaces answer.
 */
export class DomainNode extends ContainerNode implements ResourceNode {
  readonly resource: ResourceIdentity;

  constructor(
    readonly domain: Domain,
    parent: ExplorerNode,
    private readonly deps: ExplorerDeps,
    /** The DescribeDomain answer read when the domains were listed; undefined if it failed. */
    readonly description?: DescribeDomainResponse,
  ) {
    super(`${domain.region}/domain/${domain.id}`, parent, deps.view);
    this.resource = { region: domain.region, kind: 'domain', name: domain.name, arn: domain.arn };
  }

  get transitional(): boolean {
    return isTransitional('domain', this.domain.status);
  }

  get isUnifiedStudio(): boolean {
    return isUnifiedStudioDomain(this.description);
  }

  protected get listAction(): string {
    return `list the user profiles and spaces of domain ${this.domain.name}`;
  }

  protected override emptyMessage(): string {
    return 'No user profiles or spaces';
  }

  treeItem(): vscode.TreeItem {
    const idle = this.description ? domainIdleShutdown(this.domain.region, this.domain.id, this.description) : undefined;
    return toTreeItem(presentDomain(this.domain, { unifiedStudio: this.isUnifiedStudio, idle }), this.id);
  }

  describe(signal?: AbortSignal): Promise<DescribeDomainResponse> {
    return describeDomain(this.view.session.clients, this.domain.region, this.domain.id, signal);
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const { clients } = this.view.session;
    const [profiles, spaces] = await Promise.all([
      listUserProfiles(clients, this.domain.region, this.domain.id),
      listSpaces(clients, this.domain.region, this.domain.id),
    ]);
    const { shared, privateByOwner } = groupSpacesByOwner(spaces);
    const owners = new Set(profiles.map((profile) => profile.name.toLowerCase()));
    // A private space whose owner is not listed (being deleted, say) stays visible under the domain.
    const orphans = [...privateByOwner].filter(([owner]) => !owners.has(owner)).flatMap(([, owned]) => owned);
    const domainSpaces: Space[] = [...shared, ...orphans].sort((a, b) => a.name.localeCompare(b.name));
    return [
      ...profiles.map((profile) => new UserProfileNode(profile, privateByOwner.get(profile.name.toLowerCase()) ?? [], this.domain, this, this.deps)),
      ...domainSpaces.map((space) => new SpaceNode(space, this.domain, this, this.deps)),
    ];
  }

}
