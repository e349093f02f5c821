import type * as vscode from 'vscode';
import type { ResourceChange } from '../../platform/resourceEvents';
import type { DescribeDomainResponse } from '@aws-sdk/client-sagemaker';
import { describeDomain, listDomains } from '../../core/resources/domains';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import { DomainNode } from './domainNode';
import type { ExplorerDeps } from './studioDeps';

/**
 * The Studio view's invisible root: the domains of the current region. Each domain is also
 * described (in parallel) to mark Unified Studio domains and show their idle shutdown: domains
 * are few, so this is the one place where a listing pays a Describe per row.
 */
export class StudioRootNode extends ContainerNode {
  constructor(private readonly deps: ExplorerDeps) {
    super('studio', undefined, deps.view);
  }

  treeItem(): vscode.TreeItem {
    throw new Error('The root is not shown.');
  }

  protected get listAction(): string {
    return `list the Studio domains in ${this.view.session.connection.region}`;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const { region } = this.view.session.connection;
    const { clients } = this.view.session;
    const domains = await listDomains(clients, region);
    const descriptions = await Promise.all(
      domains.map((domain) =>
        describeDomain(clients, region, domain.id).catch((error: unknown): DescribeDomainResponse | undefined => {
          // The row still shows; only the Unified Studio mark and idle settings are missing.
          this.view.log.debug(`Could not describe domain ${domain.id}: ${String(error)}`);
          return undefined;
        }),
      ),
    );
    return domains.map((domain, index) => new DomainNode(domain, this, this.deps, descriptions[index]));
  }

  override showsChange(change: ResourceChange): boolean {
    return (change.kind === 'domain' && change.region === this.view.session.connection.region) || super.showsChange(change);
  }
}
