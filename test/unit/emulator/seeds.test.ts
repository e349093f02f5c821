import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DescribeDomainCommand, ListAppsCommand, ListEndpointsCommand, paginateListApps, paginateListTrainingJobs } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { clientsFor, DAY, start } from './helpers';

interface App { AppArn: string; AppType: string; Status: string; CreationTime: number; ResourceSpec?: { InstanceType?: string } }

describe('local service: seed data', () => {
  describe('demo', () => {
    let emu: Emulator;
    before(async () => {
      emu = await start({ data: 'demo', clockSpeed: 0 });
    });
    after(() => emu.stop());

    it('fills us-east-1 and eu-west-1 with a small team\'s account', () => {
      const us = emu.state.counts('us-east-1');
      const eu = emu.state.counts('eu-west-1');
      assert.equal(us.domain, 2);
      assert.ok(us.userProfile >= 3 && us.userProfile <= 5, `${us.userProfile} user profiles`);
      assert.ok(us.trainingJob >= 200 && us.trainingJob <= 400, `${us.trainingJob} training jobs`);
      assert.ok(eu.domain >= 1 && eu.trainingJob >= 50);
      for (const kind of ['space', 'app', 'notebookInstance', 'notebookInstanceLifecycleConfig', 'hyperParameterTuningJob', 'processingJob', 'transformJob', 'model', 'endpointConfig', 'endpoint'] as const) {
        assert.ok(us[kind] > 0, `us-east-1 has ${kind}s`);
      }
    });

    it('includes the expensive GPU app InService for days, and idle shutdown on one domain', async () => {
      const apps = emu.state.list('app', 'us-east-1') as App[];
      const now = emu.clock.now().getTime();
      const gpu = apps.filter((a) => a.ResourceSpec?.InstanceType === 'ml.g5.12xlarge' && a.Status === 'InService');
      assert.equal(gpu.length, 1);
      assert.ok(now - gpu[0]!.CreationTime * 1000 > 3 * DAY);
      assert.deepEqual([...new Set(apps.map((a) => a.Status))].sort(), ['Deleted', 'Failed', 'InService', 'Pending']);
      assert.ok(new Set(apps.map((a) => a.AppType)).size >= 5, 'apps of several types');
      const sm = clientsFor(emu).sagemaker;
      const idle = [];
      for (const d of emu.state.list('domain', 'us-east-1') as { DomainId: string }[]) {
        const domain = await sm.send(new DescribeDomainCommand({ DomainId: d.DomainId }));
        idle.push(domain.DefaultUserSettings?.JupyterLabAppSettings?.AppLifecycleManagement?.IdleSettings?.LifecycleManagement);
      }
      assert.deepEqual(idle.sort(), ['ENABLED', undefined]);
    });

    it('has notebooks, jobs in every status, tuning, and endpoints of each kind', async () => {
      const notebooks = emu.state.list('notebookInstance', 'us-east-1') as { NotebookInstanceStatus: string; NotebookInstanceLifecycleConfigName?: string }[];
      assert.ok(notebooks.some((n) => n.NotebookInstanceStatus === 'InService'));
      assert.ok(notebooks.some((n) => n.NotebookInstanceStatus === 'Stopped' && n.NotebookInstanceLifecycleConfigName));
      const jobs = emu.state.list('trainingJob', 'us-east-1') as { TrainingJobStatus: string; EnableManagedSpotTraining: boolean; ModelArtifacts: { S3ModelArtifacts: string } }[];
      assert.deepEqual([...new Set(jobs.map((j) => j.TrainingJobStatus))].sort(), ['Completed', 'Failed', 'InProgress', 'Stopped']);
      assert.ok(jobs.some((j) => j.EnableManagedSpotTraining) && jobs.some((j) => !j.EnableManagedSpotTraining));
      const tuning = emu.state.list('hyperParameterTuningJob', 'us-east-1') as { HyperParameterTuningJobStatus: string; BestTrainingJob?: unknown }[];
      assert.ok(tuning.some((t) => t.HyperParameterTuningJobStatus === 'Completed' && t.BestTrainingJob));
      assert.ok(tuning.some((t) => t.HyperParameterTuningJobStatus === 'InProgress'));
      const endpoints = (await clientsFor(emu).sagemaker.send(new ListEndpointsCommand({}))).Endpoints!;
      assert.ok(endpoints.some((e) => e.EndpointName === 'llm-summarizer-g5' && e.EndpointStatus === 'InService'));
      assert.ok(endpoints.some((e) => e.EndpointName === 'churn-serverless'));
      const completed = jobs.find((j) => j.TrainingJobStatus === 'Completed')!;
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(completed.ModelArtifacts.S3ModelArtifacts)!;
      const head = await clientsFor(emu).s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      assert.ok(head.ContentLength! > 0, 'completed jobs left their model in the default bucket');
    });

    it('is the same for the same seed, and different for another', async () => {
      const same = await start({ data: 'demo', clockSpeed: 0 });
      const other = await start({ data: 'demo', clockSpeed: 0, seed: 8 });
      try {
        const arns = (e: Emulator): string[] => (e.state.list('app', 'us-east-1') as App[]).map((a) => a.AppArn).sort();
        assert.deepEqual(arns(same), arns(emu));
        assert.notDeepEqual(arns(other), arns(emu));
        const shape = (e: Emulator): string[] =>
          (e.state.list('trainingJob', 'eu-west-1') as { TrainingJobName: string; TrainingJobStatus: string }[]).map((j) => `${j.TrainingJobName.replace(/-\d{4}(-\d{2}){5}-\d{3}$/, '')}:${j.TrainingJobStatus}`);
        assert.deepEqual(shape(same), shape(emu));
      } finally {
        await Promise.all([same.stop(), other.stop()]);
      }
    });
  });

  describe('scale', () => {
    let emu: Emulator;
    before(async function () {
      this.timeout(30_000);
      emu = await start({ data: 'scale', clockSpeed: 0 });
    });
    after(() => emu.stop());

    it('holds 10,000 training jobs, 1,000 apps and 500 endpoints, paged without gaps', async function () {
      this.timeout(30_000);
      const counts = emu.state.counts('us-east-1');
      assert.ok(counts.trainingJob >= 10_000 && counts.app >= 1000 && counts.endpoint >= 500, JSON.stringify(counts));
      const sm = clientsFor(emu).sagemaker;
      const names = new Set<string>();
      let previous = Infinity;
      for await (const page of paginateListTrainingJobs({ client: sm, pageSize: 100 }, {})) {
        for (const j of page.TrainingJobSummaries ?? []) {
          names.add(j.TrainingJobName!);
          assert.ok(j.CreationTime!.getTime() <= previous, 'newest first');
          previous = j.CreationTime!.getTime();
        }
      }
      assert.equal(names.size, counts.trainingJob);
      let apps = 0;
      for await (const page of paginateListApps({ client: sm, pageSize: 100 }, {})) apps += page.Apps?.length ?? 0;
      assert.equal(apps, counts.app);
      const byName = await sm.send(new ListAppsCommand({ MaxResults: 100, DomainIdEquals: (emu.state.list('domain', 'us-east-1') as { DomainId: string }[])[0]!.DomainId }));
      assert.ok(byName.Apps!.length > 0);
    });
  });
});
