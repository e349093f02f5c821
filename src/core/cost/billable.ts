import type { App, AppRef } from '../resources/apps';
import type { Endpoint } from '../resources/endpoints';
import type { JobKind } from '../resources/jobs';
import type { NotebookInstance } from '../resources/notebookInstances';
import type { ProcessingJob } from '../resources/processingJobs';
import { isBillable } from '../resources/status';
import type { InstanceAllocation, TrainingJob } from '../resources/trainingJobs';
import type { TransformJob } from '../resources/transformJobs';
import type { TuningJob } from '../resources/tuningJobs';
import type { InstanceUse } from './priceCatalog';

/**
 * What runs on SageMaker instances and bills by the hour, as the cost guard sees it, built from
 * the explorer's own resource records (pure, so it is tested without a service).
 */
export type BillableKind = 'app' | 'notebookInstance' | 'endpoint' | JobKind;

/** Instances of one type running for one use (an endpoint has one line per variant). */
export interface InstanceUsage {
  readonly instanceType: string;
  readonly count: number;
  readonly use: InstanceUse;
  readonly appType?: string;
}

export interface BillableResource {
  /** Stable and unique: `region/kind/name` (apps add their domain, owner and type). */
  readonly id: string;
  readonly region: string;
  readonly kind: BillableKind;
  readonly name: string;
  readonly arn?: string;
  readonly status: string;
  readonly instances: readonly InstanceUsage[];
  /** Serverless endpoint: billed per request, nothing per hour. */
  readonly serverless?: boolean;
  /** When it started running (and billing), as far as the API tells. */
  readonly since?: Date;
  /** Where it lives or what it holds, in words ("space ana-lab · domain d-1", "2 training jobs running"). */
  readonly context?: string;
  /** For apps: what `deleteApp` needs. */
  readonly app?: AppRef;
}

/** Marks a type the API did not give, so it is priced as unknown rather than guessed. */
export const unknownInstanceType = 'unknown';

/**
 * An InService Studio app. Studio Classic's JupyterServer on the free `system` instance is left
 * out: it is the always-on front end of every Classic user, not something anyone forgot.
 */
export function appResource(app: App): BillableResource | undefined {
  if (!isBillable('app', app.status)) return undefined;
  const instanceType = app.instanceType ?? (app.appType === 'JupyterServer' ? 'system' : unknownInstanceType);
  if (app.appType === 'JupyterServer' && instanceType === 'system') return undefined;
  const owner = app.spaceName ? `space ${app.spaceName}` : `user ${app.userProfileName ?? '?'}`;
  return {
    id: `${app.region}/app/${app.domainId}/${app.spaceName ?? app.userProfileName ?? ''}/${app.appType}/${app.appName}`,
    region: app.region,
    kind: 'app',
    name: app.spaceName ? `${app.spaceName} ${app.appType}` : `${app.userProfileName ?? app.domainId} ${app.appType} ${app.appName}`,
    status: app.status,
    instances: [{ instanceType, count: 1, use: 'studio', appType: app.appType }],
    since: app.created,
    context: `${owner} · domain ${app.domainId}`,
    app: { region: app.region, domainId: app.domainId, userProfileName: app.userProfileName, spaceName: app.spaceName, appType: app.appType, appName: app.appName },
  };
}

export function notebookInstanceResource(notebook: NotebookInstance): BillableResource | undefined {
  if (!isBillable('notebookInstance', notebook.status) || !notebook.name) return undefined;
  return {
    id: `${notebook.region}/notebookInstance/${notebook.name}`,
    region: notebook.region,
    kind: 'notebookInstance',
    name: notebook.name,
    arn: notebook.arn || undefined,
    status: notebook.status,
    instances: [{ instanceType: notebook.instanceType ?? unknownInstanceType, count: 1, use: 'notebookInstance' }],
    // Starting a stopped instance is its last modification, so this is when it began billing.
    since: notebook.lastModified ?? notebook.created,
  };
}

/**
 * An endpoint: instances × current count per variant (autoscaling moves counts). Serverless
 * variants bill per request; an endpoint with only those is marked serverless, at $0 an hour.
 */
export function endpointResource(endpoint: Endpoint, asyncInference: boolean): BillableResource | undefined {
  if (!isBillable('endpoint', endpoint.status) || !endpoint.name) return undefined;
  const use: InstanceUse = asyncInference ? 'asyncInference' : 'hosting';
  const instances: InstanceUsage[] = [];
  let serverless = 0;
  for (const variant of endpoint.variants) {
    if (variant.serverless) {
      serverless++;
      continue;
    }
    const count = variant.currentCount ?? variant.desiredCount ?? 1;
    if (count > 0) instances.push({ instanceType: variant.instanceType ?? unknownInstanceType, count, use });
  }
  // Variants unknown (the endpoint or its config could not be described): one instance of unknown price.
  if (endpoint.variants.length === 0) instances.push({ instanceType: unknownInstanceType, count: 1, use });
  return {
    id: `${endpoint.region}/endpoint/${endpoint.name}`,
    region: endpoint.region,
    kind: 'endpoint',
    name: endpoint.name,
    arn: endpoint.arn || undefined,
    status: endpoint.status,
    instances,
    serverless: serverless > 0 && instances.length === 0,
    since: endpoint.created.getTime() > 0 ? endpoint.created : undefined,
    context: [endpoint.configName ? `config ${endpoint.configName}` : undefined, asyncInference ? 'asynchronous' : undefined].filter(Boolean).join(' · ') || undefined,
  };
}

const usage = (instances: readonly InstanceAllocation[], use: InstanceUse): InstanceUsage[] =>
  instances.length > 0 ? instances.map((instance) => ({ instanceType: instance.type, count: instance.count, use })) : [{ instanceType: unknownInstanceType, count: 1, use }];

export function trainingJobResource(job: TrainingJob): BillableResource | undefined {
  if (!isBillable('trainingJob', job.status) || !job.name) return undefined;
  return {
    id: `${job.region}/trainingJob/${job.name}`,
    region: job.region,
    kind: 'trainingJob',
    name: job.name,
    arn: job.arn || undefined,
    status: job.status,
    instances: usage(job.instances, job.spot ? 'spotTraining' : 'training'),
    since: job.trainingStart ?? (job.created.getTime() > 0 ? job.created : undefined),
    context: job.spot ? 'managed spot' : undefined,
  };
}

export function processingJobResource(job: ProcessingJob): BillableResource | undefined {
  if (!isBillable('processingJob', job.status) || !job.name) return undefined;
  return {
    id: `${job.region}/processingJob/${job.name}`,
    region: job.region,
    kind: 'processingJob',
    name: job.name,
    arn: job.arn || undefined,
    status: job.status,
    instances: usage(job.instances, 'processing'),
    since: job.started ?? (job.created.getTime() > 0 ? job.created : undefined),
  };
}

export function transformJobResource(job: TransformJob): BillableResource | undefined {
  if (!isBillable('transformJob', job.status) || !job.name) return undefined;
  return {
    id: `${job.region}/transformJob/${job.name}`,
    region: job.region,
    kind: 'transformJob',
    name: job.name,
    arn: job.arn || undefined,
    status: job.status,
    instances: usage(job.instances, 'batchTransform'),
    since: job.started ?? (job.created.getTime() > 0 ? job.created : undefined),
  };
}

/**
 * Tuning jobs bill through the training jobs they launch: those are folded into their tuning
 * job, so nothing is counted twice, and stopping the tuning job stops them. A tuning job between
 * training jobs costs nothing that hour and is listed at $0. Training jobs whose tuning job is no
 * longer in progress stay on their own.
 */
export function foldTuningJobs(tuners: readonly TuningJob[], training: readonly TrainingJob[]): BillableResource[] {
  const byArn = new Map<string, { tuner: TuningJob; jobs: BillableResource[] }>();
  for (const tuner of tuners) {
    if (tuner.arn && isBillable('tuningJob', tuner.status)) byArn.set(tuner.arn.toLowerCase(), { tuner, jobs: [] });
  }
  const standalone: BillableResource[] = [];
  for (const job of training) {
    const resource = trainingJobResource(job);
    if (!resource) continue;
    const entry = job.tuningJobArn ? byArn.get(job.tuningJobArn.toLowerCase()) : undefined;
    if (entry) entry.jobs.push(resource);
    else standalone.push(resource);
  }
  const tuning = [...byArn.values()].map(({ tuner, jobs }): BillableResource => ({
    id: `${tuner.region}/tuningJob/${tuner.name}`,
    region: tuner.region,
    kind: 'tuningJob',
    name: tuner.name,
    arn: tuner.arn,
    status: tuner.status,
    instances: jobs.flatMap((job) => job.instances),
    since: tuner.created.getTime() > 0 ? tuner.created : undefined,
    context: `${jobs.length} training job${jobs.length === 1 ? '' : 's'} running`,
  }));
  return [...standalone, ...tuning];
}
