import type * as SM from '@aws-sdk/client-sagemaker';
import { hash32, Random } from '../core/random';
import { DURATIONS } from '../sagemaker/durations';
import { createEndpointConfigRecord, createEndpointRecord, createModelRecord } from '../sagemaker/hosting';
import { createNotebookRecord } from '../sagemaker/notebooks';
import type { TrainingOutcome } from '../sagemaker/records';
import type { RegionState } from '../sagemaker/state';
import { createAppRecord, createDomainRecord, createSpaceRecord, createUserProfileRecord } from '../sagemaker/studio';
import type { Phase } from '../sagemaker/timeline';
import { createTrainingJobRecord } from '../sagemaker/training';
import type { World } from '../world';
import { DAY, executionRole, HOUR, imageUri, MINUTE, sdkJobName } from './catalog';
import { PROJECTS, trainingRequest } from './demo';

/** What `scale` puts in each seeded region. */
export const SCALE = { domains: 10, profilesPerDomain: 20, trainingJobs: 10_000, endpoints: 500, notebookInstances: 50 } as const;

const APP_KINDS: { type: SM.AppType; name: (i: number) => string; instance?: string; inSpace?: boolean }[] = [
  { type: 'JupyterServer', name: () => 'default' },
  { type: 'KernelGateway', name: (i) => `datascience-1-0-ml-t3-medium-${(hash32(`kg/${i}`) >>> 0).toString(16).padStart(8, '0')}`, instance: 'ml.t3.medium' },
  { type: 'KernelGateway', name: (i) => `datascience-1-0-ml-m5-xlarge-${(hash32(`kg2/${i}`) >>> 0).toString(16).padStart(8, '0')}`, instance: 'ml.m5.xlarge' },
  { type: 'JupyterLab', name: () => 'default', instance: 'ml.t3.medium', inSpace: true },
  { type: 'Canvas', name: () => 'default' },
];

function seedStudio(state: RegionState, r: Random, now: number): void {
  const role = executionRole(state.accountId);
  let appIndex = 0;
  for (let d = 0; d < SCALE.domains; d++) {
    const created = now - r.between(60, 365) * DAY;
    const domainId = createDomainRecord(state, { DomainName: `team-${String(d).padStart(2, '0')}`, AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role } }, {
      at: created,
      phases: [{ at: created, status: 'InService' }],
    }).id;
    for (let p = 0; p < SCALE.profilesPerDomain; p++) {
      const user = `user-${String(d * SCALE.profilesPerDomain + p).padStart(3, '0')}`;
      const at = created + r.between(1, 50) * DAY;
      createUserProfileRecord(state, { DomainId: domainId, UserProfileName: user }, { at, phases: [{ at, status: 'InService' }] });
      const space = `${user}-lab`;
      createSpaceRecord(state, {
        DomainId: domainId, SpaceName: space, SpaceSettings: { AppType: 'JupyterLab' },
        OwnershipSettings: { OwnerUserProfileName: user }, SpaceSharingSettings: { SharingType: 'Private' },
      }, { at, phases: [{ at, status: 'InService' }] });
      for (const kind of APP_KINDS) {
        const appAt = now - r.between(0.2, 20) * DAY;
        const ready = appAt + (DURATIONS.app.create[kind.type] ?? DURATIONS.app.createDefault);
        const roll = r.next();
        const phases: Phase[] = [{ at: appAt, status: 'Pending' }, { at: ready, status: 'InService' }];
        if (roll < 0.12) {
          // Deleted within the last day, so still listed (as Deleted) like in the real service.
          const deleted = Math.max(ready + 10 * MINUTE, now - r.between(1, 20) * HOUR);
          phases.push({ at: deleted, status: 'Deleting' }, { at: deleted + DURATIONS.app.delete, status: 'Deleted' });
        }
        createAppRecord(state, {
          DomainId: domainId,
          UserProfileName: kind.inSpace ? undefined : user,
          SpaceName: kind.inSpace ? space : undefined,
          AppType: kind.type,
          AppName: kind.name(appIndex++),
          ResourceSpec: kind.instance ? { InstanceType: kind.instance as SM.AppInstanceType } : undefined,
        }, { at: appAt, phases, lastUserActivity: now - r.between(0, 48) * HOUR });
      }
    }
  }
}

function seedTraining(state: RegionState, r: Random, now: number): void {
  const times = Array.from({ length: SCALE.trainingJobs }, (_, i) => (i < 25 ? now - r.between(2, 55) * MINUTE : now - r.between(1.5, 90 * 24) * HOUR)).sort((a, b) => a - b);
  for (const at of times) {
    const p = r.weighted(PROJECTS.map((x) => [x, x.weight] as const));
    let name = sdkJobName(p.base, at);
    if (state.trainingJobs.has(name)) name = `${name}-${r.alnum(4)}`;
    const recent = now - at < HOUR;
    const roll = r.next();
    const outcome: TrainingOutcome = recent ? 'Completed' : roll < 0.07 ? 'Failed' : roll < 0.11 ? 'Stopped' : 'Completed';
    createTrainingJobRecord(state, trainingRequest(state, p, name, p.instances[0]!, r.chance(p.spotShare), r), {
      at,
      outcome,
      trainingMs: recent ? 2 * HOUR : undefined,
      noArtifacts: true,
    });
  }
}

function seedEndpoints(state: RegionState, r: Random, now: number): void {
  const role = executionRole(state.accountId);
  const image = imageUri('xgboost', '1.7-1', state.region);
  for (let i = 0; i < SCALE.endpoints; i++) {
    const name = `svc-${['fraud', 'churn', 'ranking', 'pricing', 'forecast'][i % 5]}-${String(i).padStart(3, '0')}`;
    const at = now - r.between(0.5, 200) * DAY;
    createModelRecord(state, { ModelName: `${name}-model`, PrimaryContainer: { Image: image, ModelDataUrl: `s3://${state.defaultBucket}/${name}/model.tar.gz` }, ExecutionRoleArn: role }, at - 10 * MINUTE);
    const serverless = i % 7 === 0;
    const config = createEndpointConfigRecord(state, {
      EndpointConfigName: `${name}-config`,
      ProductionVariants: [
        serverless
          ? { VariantName: 'AllTraffic', ModelName: `${name}-model`, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 10 } }
          : { VariantName: 'AllTraffic', ModelName: `${name}-model`, InstanceType: r.pick(['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge']), InitialInstanceCount: r.int(1, 3) },
      ],
    }, at - 5 * MINUTE);
    const created: Phase[] =
      i % 50 === 1
        ? [{ at: now - 2 * MINUTE, status: 'Creating' }, { at: now + 6 * MINUTE, status: 'InService' }]
        : i % 50 === 2
          ? [{ at, status: 'Creating' }, { at: at + 20 * MINUTE, status: 'Failed' }]
          : [{ at, status: 'Creating' }, { at: at + 8 * MINUTE, status: 'InService' }];
    createEndpointRecord(state, name, config, [{ Key: 'team', Value: `team-${String(i % 10).padStart(2, '0')}` }], {
      at: created[0]!.at,
      phases: created,
      failureReason: i % 50 === 2 ? 'The primary container for production variant AllTraffic did not pass the ping health check.' : undefined,
    });
  }
}

function seedNotebooks(state: RegionState, r: Random, now: number): void {
  for (let i = 0; i < SCALE.notebookInstances; i++) {
    const at = now - r.between(1, 300) * DAY;
    const stopped = r.chance(0.6);
    const phases: Phase[] = [{ at, status: 'Pending' }, { at: at + 5 * MINUTE, status: 'InService' }];
    if (stopped) phases.push({ at: Math.max(at + HOUR, now - r.between(1, 20) * DAY), status: 'Stopped' });
    createNotebookRecord(state, { NotebookInstanceName: `nb-${String(i).padStart(3, '0')}`, InstanceType: r.pick(['ml.t3.medium', 'ml.t3.xlarge', 'ml.m5.xlarge']), RoleArn: executionRole(state.accountId) }, { at, phases });
  }
}

/** Large listings for performance work: per seeded region 10,000 training jobs, 1,000 apps, 500 endpoints. */
export function seedScale(world: World, regions: readonly string[], now: number): void {
  for (const region of regions) {
    const state = world.state(region);
    const r = new Random(hash32(`${world.options.seed}/scale/${region}`));
    seedStudio(state, r, now);
    seedTraining(state, r, now);
    seedEndpoints(state, r, now);
    seedNotebooks(state, r, now);
  }
}
