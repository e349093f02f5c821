import type * as SM from '@aws-sdk/client-sagemaker';
import { type AwsError, validationError } from '../core/errors';
import { accessStamp, ScriptedLogSource, toolkitLine } from '../logs/serviceLines';
import { endpointLogGroup } from '../logs/store';
import { loadModel } from '../model/botocore';
import { projectToShape } from '../model/validator';
import { sagemakerArn } from './arn';
import { ec2Id, type SmHandler, tagsOf } from './common';
import { DURATIONS } from './durations';
import { listPage, toMs } from './listing';
import type { Deployment, EndpointConfigRecord, EndpointRecord, ModelRecord } from './records';
import type { RegionState } from './state';
import { scheduleRemoval } from './studio';
import { GONE, type Phase, Timeline } from './timeline';
import { clone, compact, ts, type Wire } from './wire';

type In<T> = Wire<T>;

const arnOf = (state: RegionState, type: string, name: string): string => sagemakerArn(state.region, state.accountId, type, name);
const couldNotFind = (state: RegionState, what: string, type: string, name: string): AwsError =>
  validationError(`Could not find ${what} "${arnOf(state, type, name)}".`);

// ---------------------------------------------------------------- models

export function createModelRecord(state: RegionState, spec: In<SM.CreateModelInput>, at: number): ModelRecord {
  return state.add(state.models, {
    key: spec.ModelName.toLowerCase(),
    name: spec.ModelName,
    arn: arnOf(state, 'model', spec.ModelName),
    creationTime: at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
  });
}

function liveModel(state: RegionState, name: string): ModelRecord {
  const m = state.models.get(name);
  if (!m) throw couldNotFind(state, 'model', 'model', name);
  return m;
}

export function describeModel(m: ModelRecord): Wire<SM.DescribeModelOutput> {
  const echo = projectToShape(loadModel('sagemaker'), 'DescribeModelOutput', m.spec) as Wire<SM.DescribeModelOutput>;
  return compact({ ...echo, ModelName: m.name, ModelArn: m.arn, CreationTime: ts(m.creationTime), EnableNetworkIsolation: m.spec.EnableNetworkIsolation ?? false });
}

const CreateModel: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateModelInput>;
  if (state.models.has(spec.ModelName)) throw validationError(`Cannot create already existing model "${arnOf(state, 'model', spec.ModelName)}".`);
  if (!spec.PrimaryContainer && !spec.Containers?.length) throw validationError('Either PrimaryContainer or Containers must be specified.');
  if (spec.PrimaryContainer && spec.Containers?.length) throw validationError('Only one of PrimaryContainer or Containers can be specified.');
  return { ModelArn: createModelRecord(state, spec, now).arn } satisfies Wire<SM.CreateModelOutput>;
};

const DescribeModel: SmHandler = ({ state }, input) => describeModel(liveModel(state, (input as In<SM.DescribeModelInput>).ModelName));

const ListModels: SmHandler = ({ state }, input) => {
  const i = input as In<SM.ListModelsInput>;
  const page = listPage(state.models, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    filter: (m) => i.NameContains === undefined || m.key.includes(i.NameContains.toLowerCase()),
  });
  return compact({
    Models: page.items.map((m) => ({ ModelName: m.name, ModelArn: m.arn, CreationTime: ts(m.creationTime) })),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListModelsOutput>;
};

const DeleteModel: SmHandler = ({ state }, input) => {
  const m = liveModel(state, (input as In<SM.DeleteModelInput>).ModelName);
  state.remove(state.models, m.key);
  return {};
};

// ---------------------------------------------------------------- endpoint configs

export function createEndpointConfigRecord(state: RegionState, spec: In<SM.CreateEndpointConfigInput>, at: number): EndpointConfigRecord {
  const variants = spec.ProductionVariants.map((v) => ({ InitialVariantWeight: 1, ...v }));
  return state.add(state.endpointConfigs, {
    key: spec.EndpointConfigName.toLowerCase(),
    name: spec.EndpointConfigName,
    arn: arnOf(state, 'endpoint-config', spec.EndpointConfigName),
    creationTime: at,
    tags: tagsOf(spec.Tags),
    spec: { ...clone(spec), ProductionVariants: variants },
  });
}

function liveConfig(state: RegionState, name: string): EndpointConfigRecord {
  const c = state.endpointConfigs.get(name);
  if (!c) throw couldNotFind(state, 'endpoint configuration', 'endpoint-config', name);
  return c;
}

export function describeEndpointConfig(c: EndpointConfigRecord): Wire<SM.DescribeEndpointConfigOutput> {
  const echo = projectToShape(loadModel('sagemaker'), 'DescribeEndpointConfigOutput', c.spec) as Wire<SM.DescribeEndpointConfigOutput>;
  return compact({ ...echo, EndpointConfigName: c.name, EndpointConfigArn: c.arn, CreationTime: ts(c.creationTime) });
}

const CreateEndpointConfig: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateEndpointConfigInput>;
  if (state.endpointConfigs.has(spec.EndpointConfigName)) {
    throw validationError(`Cannot create already existing endpoint configuration "${arnOf(state, 'endpoint-config', spec.EndpointConfigName)}".`);
  }
  for (const v of [...spec.ProductionVariants, ...(spec.ShadowProductionVariants ?? [])]) {
    if (v.ModelName !== undefined) liveModel(state, v.ModelName);
    const serverless = v.ServerlessConfig !== undefined;
    if (serverless && (v.InstanceType !== undefined || v.InitialInstanceCount !== undefined)) {
      throw validationError(`Variant ${v.VariantName}: ServerlessConfig cannot be combined with InstanceType or InitialInstanceCount.`);
    }
    if (!serverless && (v.InstanceType === undefined || v.InitialInstanceCount === undefined) && !v.InstancePools) {
      throw validationError(`Variant ${v.VariantName}: InstanceType and InitialInstanceCount are required unless ServerlessConfig is specified.`);
    }
  }
  return { EndpointConfigArn: createEndpointConfigRecord(state, spec, now).arn } satisfies Wire<SM.CreateEndpointConfigOutput>;
};

const DescribeEndpointConfig: SmHandler = ({ state }, input) =>
  describeEndpointConfig(liveConfig(state, (input as In<SM.DescribeEndpointConfigInput>).EndpointConfigName));

const ListEndpointConfigs: SmHandler = ({ state }, input) => {
  const i = input as In<SM.ListEndpointConfigsInput>;
  const page = listPage(state.endpointConfigs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    filter: (c) => i.NameContains === undefined || c.key.includes(i.NameContains.toLowerCase()),
  });
  return compact({
    EndpointConfigs: page.items.map((c) => ({ EndpointConfigName: c.name, EndpointConfigArn: c.arn, CreationTime: ts(c.creationTime) })),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListEndpointConfigsOutput>;
};

const DeleteEndpointConfig: SmHandler = ({ state }, input) => {
  const c = liveConfig(state, (input as In<SM.DeleteEndpointConfigInput>).EndpointConfigName);
  state.remove(state.endpointConfigs, c.key);
  return {};
};

// ---------------------------------------------------------------- endpoints

/** The image each variant's model runs. */
function imagesOf(state: RegionState, variants: Wire<SM.ProductionVariant>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of variants) {
    const m = v.ModelName ? state.models.get(v.ModelName) : undefined;
    const image = m?.spec.PrimaryContainer?.Image ?? m?.spec.Containers?.[0]?.Image;
    if (image) out[v.VariantName] = image;
  }
  return out;
}

function deploymentOf(state: RegionState, config: EndpointConfigRecord, startedAt: number, readyAt: number, deploymentConfig?: Wire<SM.DeploymentConfig>): Deployment {
  const variants = clone(config.spec.ProductionVariants);
  const instanceIds: Record<string, string[]> = {};
  for (const v of variants) {
    const n = v.ServerlessConfig ? 1 : (v.InitialInstanceCount ?? 1);
    instanceIds[v.VariantName] = Array.from({ length: n }, () => ec2Id('i', state.env.random.hex(16)));
  }
  return { configName: config.name, variants, startedAt, readyAt, instanceIds, images: imagesOf(state, variants), deploymentConfig };
}

const isServerless = (d: Deployment): boolean => d.variants.every((v) => v.ServerlessConfig !== undefined);

/** Each variant instance logs its model server's start, health checks, and the invocations it serves. */
function addEndpointLogs(state: RegionState, e: EndpointRecord, d: Deployment): void {
  const group = endpointLogGroup(e.name);
  const containerStart = d.startedAt + Math.max(60_000, (d.readyAt - d.startedAt) * 0.6);
  for (const v of d.variants) {
    for (const id of d.instanceIds[v.VariantName] ?? []) {
      const stream = state.logs.stream(group, `${v.VariantName}/${id}`, containerStart);
      stream.addSource(
        new ScriptedLogSource({
          start: containerStart,
          end: () => {
            const superseded = e.deployments.find((x) => x.startedAt > d.startedAt);
            const gone = e.timeline.find((p) => p.status === 'Deleting' || p.status === GONE);
            return Math.min(superseded ? superseded.readyAt : Infinity, gone ? gone.at : Infinity);
          },
          everyMs: 10 * 60_000,
          startup: (t) => [
            toolkitLine(t, `INFO - Starting model server for ${d.images[v.VariantName] ?? 'model'}`),
            `[${new Date(t).toISOString()}] [INFO] Starting gunicorn 22.0.0`,
            `[${new Date(t).toISOString()}] [INFO] Listening at: unix:/tmp/gunicorn.sock (18)`,
            `[${new Date(t).toISOString()}] [INFO] Booting worker with pid: 24`,
            toolkitLine(t, 'INFO - Model loaded successfully for worker : 24'),
          ],
          periodic: (t) => `169.254.178.2 - - ${accessStamp(t)} "GET /ping HTTP/1.1" 200 0 "-" "AHC/2.0"`,
        }),
      );
    }
  }
}

export interface EndpointOptions {
  at: number;
  phases?: Phase[];
  failureReason?: string;
}

export function createEndpointRecord(state: RegionState, name: string, config: EndpointConfigRecord, tags: Wire<SM.Tag>[] | undefined, o: EndpointOptions, deploymentConfig?: Wire<SM.DeploymentConfig>): EndpointRecord {
  const probe = deploymentOf(state, config, o.at, o.at, deploymentConfig);
  const readyAt = o.phases?.find((p) => p.status === 'InService')?.at ?? o.at + (isServerless(probe) ? DURATIONS.endpoint.createServerless : DURATIONS.endpoint.create);
  const deployment = { ...probe, readyAt };
  const e: EndpointRecord = {
    key: name.toLowerCase(),
    name,
    arn: arnOf(state, 'endpoint', name),
    creationTime: o.at,
    lastModifiedTime: o.at,
    tags: tagsOf(tags),
    timeline: new Timeline(o.phases ?? [
      { at: o.at, status: 'Creating' },
      { at: readyAt, status: 'InService' },
    ]),
    deployments: [deployment],
    failureReason: o.failureReason,
    invocations: 0,
  };
  state.add(state.endpoints, e);
  if (e.timeline.last().status !== 'Failed') addEndpointLogs(state, e, deployment);
  return e;
}

/** The deployment serving traffic at `now` (the first one while the endpoint is being created). */
export function currentDeployment(e: EndpointRecord, now: number): Deployment {
  let current = e.deployments[0]!;
  for (const d of e.deployments) if (d.readyAt <= now) current = d;
  return current;
}

function pendingDeployment(e: EndpointRecord, now: number): Deployment | undefined {
  const d = e.deployments[e.deployments.length - 1]!;
  return e.deployments.length > 1 && d.startedAt <= now && now < d.readyAt ? d : undefined;
}

function variantSummaries(d: Deployment, live: boolean): Wire<SM.ProductionVariantSummary>[] {
  return d.variants.map((v) => {
    const image = d.images[v.VariantName];
    return compact({
      VariantName: v.VariantName,
      DeployedImages: image
        ? [{ SpecifiedImage: image, ResolvedImage: `${image.split(':')[0]}@sha256:${digest(image)}`, ResolutionTime: ts(d.startedAt) }]
        : undefined,
      CurrentWeight: live ? (v.InitialVariantWeight ?? 1) : undefined,
      DesiredWeight: v.InitialVariantWeight ?? 1,
      CurrentInstanceCount: live && !v.ServerlessConfig ? v.InitialInstanceCount : undefined,
      DesiredInstanceCount: v.ServerlessConfig ? undefined : v.InitialInstanceCount,
      CurrentServerlessConfig: live ? v.ServerlessConfig : undefined,
      DesiredServerlessConfig: v.ServerlessConfig,
      ManagedInstanceScaling: v.ManagedInstanceScaling,
      RoutingConfig: v.RoutingConfig,
    });
  });
}

function digest(text: string): string {
  let h = '';
  for (let i = 0; h.length < 64; i++) h += ((text.charCodeAt(i % text.length) * 2654435761 + i * 40503) >>> 0).toString(16).padStart(8, '0');
  return h.slice(0, 64);
}

export function describeEndpoint(state: RegionState, e: EndpointRecord, now: number): Wire<SM.DescribeEndpointOutput> {
  const current = e.timeline.at(now);
  const status = current.status as SM.EndpointStatus;
  const deployment = currentDeployment(e, now);
  const pending = pendingDeployment(e, now);
  const config = state.endpointConfigs.get(deployment.configName);
  const capture = config?.spec.DataCaptureConfig;
  const live = deployment.readyAt <= now && status !== 'Failed';
  return compact({
    EndpointName: e.name,
    EndpointArn: e.arn,
    EndpointConfigName: deployment.configName,
    ProductionVariants: status === 'Failed' ? undefined : variantSummaries(deployment, live),
    DataCaptureConfig: capture
      ? {
          EnableCapture: capture.EnableCapture ?? true,
          CaptureStatus: 'Started',
          CurrentSamplingPercentage: capture.InitialSamplingPercentage,
          DestinationS3Uri: capture.DestinationS3Uri,
          KmsKeyId: capture.KmsKeyId ?? `arn:aws:kms:${state.region}:${state.accountId}:alias/aws/s3`,
        }
      : undefined,
    EndpointStatus: status,
    FailureReason: status === 'Failed' ? e.failureReason : undefined,
    CreationTime: ts(e.creationTime),
    LastModifiedTime: ts(Math.max(e.lastModifiedTime, current.at)),
    LastDeploymentConfig: deployment.deploymentConfig,
    AsyncInferenceConfig: config?.spec.AsyncInferenceConfig,
    PendingDeploymentSummary: pending
      ? compact({
          EndpointConfigName: pending.configName,
          ProductionVariants: pending.variants.map((v) =>
            compact({
              VariantName: v.VariantName,
              DesiredWeight: v.InitialVariantWeight ?? 1,
              DesiredInstanceCount: v.ServerlessConfig ? undefined : v.InitialInstanceCount,
              InstanceType: v.InstanceType,
              DesiredServerlessConfig: v.ServerlessConfig,
              VariantStatus: [{ Status: 'Creating' as const, StatusMessage: 'Launching instances for the new deployment', StartTime: ts(pending.startedAt) }],
            }),
          ),
          StartTime: ts(pending.startedAt),
        })
      : undefined,
    ExplainerConfig: config?.spec.ExplainerConfig,
  });
}

function liveEndpoint(state: RegionState, name: string, now: number): EndpointRecord {
  const e = state.endpoints.get(name);
  if (!e || e.timeline.status(now) === GONE) throw couldNotFind(state, 'endpoint', 'endpoint', name);
  return e;
}

export function findEndpoint(state: RegionState, name: string, now: number): EndpointRecord | undefined {
  const e = state.endpoints.get(name);
  return e && e.timeline.status(now) !== GONE ? e : undefined;
}

const CreateEndpoint: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.CreateEndpointInput>;
  const existing = state.endpoints.get(i.EndpointName);
  if (existing && existing.timeline.status(now) !== GONE) {
    throw validationError(`Cannot create already existing endpoint "${existing.arn}".`);
  }
  if (existing) state.remove(state.endpoints, existing.key);
  const config = liveConfig(state, i.EndpointConfigName);
  const e = createEndpointRecord(state, i.EndpointName, config, i.Tags, { at: now }, i.DeploymentConfig);
  return { EndpointArn: e.arn } satisfies Wire<SM.CreateEndpointOutput>;
};

const DescribeEndpoint: SmHandler = ({ state, now }, input) =>
  describeEndpoint(state, liveEndpoint(state, (input as In<SM.DescribeEndpointInput>).EndpointName, now), now);

const ListEndpoints: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListEndpointsInput>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const lm = (e: EndpointRecord): number => Math.max(e.lastModifiedTime, e.timeline.at(now).at);
  const page = listPage(state.endpoints, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    status: (e) => e.timeline.status(now),
    filter: (e) => {
      const status = e.timeline.status(now);
      return (
        status !== GONE &&
        (i.StatusEquals === undefined || status === i.StatusEquals) &&
        (i.NameContains === undefined || e.key.includes(i.NameContains.toLowerCase())) &&
        (lmAfter === undefined || lm(e) > lmAfter) &&
        (lmBefore === undefined || lm(e) < lmBefore)
      );
    },
  });
  return compact({
    Endpoints: page.items.map((e) => ({
      EndpointName: e.name,
      EndpointArn: e.arn,
      CreationTime: ts(e.creationTime),
      LastModifiedTime: ts(lm(e)),
      EndpointStatus: e.timeline.status(now) as SM.EndpointStatus,
    })),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListEndpointsOutput>;
};

const UpdateEndpoint: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.UpdateEndpointInput>;
  const e = liveEndpoint(state, i.EndpointName, now);
  const status = e.timeline.status(now);
  if (status !== 'InService' && status !== 'Failed') throw validationError(`Cannot update in-progress endpoint "${e.arn}".`);
  const config = liveConfig(state, i.EndpointConfigName);
  const readyAt = now + DURATIONS.endpoint.update;
  const previous = currentDeployment(e, now);
  const deploymentConfig = i.RetainDeploymentConfig ? previous.deploymentConfig : i.DeploymentConfig;
  const d = { ...deploymentOf(state, config, now, readyAt, deploymentConfig) };
  e.deployments.push(d);
  e.lastModifiedTime = now;
  e.timeline.rewriteFuture(now, [
    { at: now, status: 'Updating' },
    { at: readyAt, status: 'InService' },
  ]);
  addEndpointLogs(state, e, d);
  return { EndpointArn: e.arn } satisfies Wire<SM.UpdateEndpointOutput>;
};

const DeleteEndpoint: SmHandler = ({ state, now }, input) => {
  const e = liveEndpoint(state, (input as In<SM.DeleteEndpointInput>).EndpointName, now);
  if (e.timeline.status(now) === 'Deleting') return {};
  const goneAt = now + DURATIONS.endpoint.delete;
  e.timeline.rewriteFuture(now, [
    { at: now, status: 'Deleting' },
    { at: goneAt, status: GONE },
  ]);
  scheduleRemoval(state, state.endpoints, e, goneAt);
  return {};
};

export const hostingHandlers: Record<string, SmHandler> = {
  CreateModel, DescribeModel, ListModels, DeleteModel,
  CreateEndpointConfig, DescribeEndpointConfig, ListEndpointConfigs, DeleteEndpointConfig,
  CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint, DeleteEndpoint,
};
