import type { JobKind } from '../../core/resources/jobs';
import { jobKinds } from '../../core/resources/jobs';
import type { InstanceAllocation } from '../../core/resources/trainingJobs';
import { isResourceNode, type ResourceNode } from '../tree/resourceNode';
import { ResourceItemNode } from './listNodes';
import { TuningJobNode, TuningTrialNode } from './tuningJobNode';

/** What job actions need to know about a selected row. */
export interface JobNodeInfo {
  readonly node: ResourceNode;
  readonly kind: JobKind;
  readonly region: string;
  readonly name: string;
  readonly status: string | undefined;
  readonly instances: readonly InstanceAllocation[];
  readonly spot: boolean;
}

export function jobNodeInfo(node: unknown): JobNodeInfo | undefined {
  if (!isResourceNode(node) || !(jobKinds as readonly string[]).includes(node.resource.kind)) return undefined;
  const kind = node.resource.kind as JobKind;
  let status: string | undefined;
  let instances: readonly InstanceAllocation[] = [];
  let spot = false;
  if (node instanceof ResourceItemNode) {
    const item = node.item as { status?: string; instances?: readonly InstanceAllocation[]; spot?: boolean };
    status = item.status;
    instances = item.instances ?? [];
    spot = item.spot ?? false;
  } else if (node instanceof TuningJobNode) {
    status = node.job.status;
  } else if (node instanceof TuningTrialNode) {
    status = node.trial.status;
  }
  return {
    node,
    kind,
    region: node.resource.region,
    name: node.resource.name,
    status,
    instances,
    spot,
  };
}
