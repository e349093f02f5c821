/**
 * What each SageMaker status means for the explorer (does it move by itself?) and for the cost
 * guard (do instances run, and bill, in it?). Status names are the API's own.
 */
export type ResourceKind =
  | 'domain'
  | 'userProfile'
  | 'space'
  | 'app'
  | 'notebookInstance'
  | 'trainingJob'
  | 'tuningJob'
  | 'processingJob'
  | 'transformJob'
  | 'endpoint';

const transitional: Record<ResourceKind, ReadonlySet<string>> = {
  domain: new Set(['Pending', 'Updating', 'Deleting']),
  userProfile: new Set(['Pending', 'Updating', 'Deleting']),
  space: new Set(['Pending', 'Updating', 'Deleting']),
  app: new Set(['Pending', 'Deleting']),
  notebookInstance: new Set(['Pending', 'Stopping', 'Deleting', 'Updating']),
  trainingJob: new Set(['InProgress', 'Stopping']),
  tuningJob: new Set(['InProgress', 'Stopping', 'Deleting']),
  processingJob: new Set(['InProgress', 'Stopping']),
  transformJob: new Set(['InProgress', 'Stopping']),
  endpoint: new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']),
};

/** Statuses in which instances run and the resource is charged by the hour. */
const billable: Record<ResourceKind, ReadonlySet<string>> = {
  domain: new Set(),
  userProfile: new Set(),
  space: new Set(),
  app: new Set(['InService']),
  notebookInstance: new Set(['InService']),
  trainingJob: new Set(['InProgress', 'Stopping']),
  tuningJob: new Set(['InProgress', 'Stopping']),
  processingJob: new Set(['InProgress', 'Stopping']),
  transformJob: new Set(['InProgress', 'Stopping']),
  endpoint: new Set(['InService', 'Updating', 'SystemUpdating', 'RollingBack']),
};

export function isTransitional(kind: ResourceKind, status: string | undefined): boolean {
  return status !== undefined && transitional[kind].has(status);
}

export function isBillable(kind: ResourceKind, status: string | undefined): boolean {
  return status !== undefined && billable[kind].has(status);
}

export type StatusTone = 'running' | 'moving' | 'done' | 'stopped' | 'failed' | 'unknown';

/** How a status should look: green running, spinning moving, grey stopped, red failed. */
export function statusTone(kind: ResourceKind, status: string | undefined): StatusTone {
  if (status === undefined) return 'unknown';
  if (isTransitional(kind, status)) return 'moving';
  if (/Failed$/.test(status) || status === 'Failed' || status === 'OutOfService') return 'failed';
  if (status === 'InService') return 'running';
  if (status === 'Completed') return 'done';
  if (status === 'Stopped' || status === 'Deleted') return 'stopped';
  return 'unknown';
}
