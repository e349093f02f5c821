import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cloneJob, specToYaml } from '../../../src/core/launch/cloneSpec';
import { deploy } from '../../../src/core/launch/deploy';
import { LaunchCancelledError, SpecInvalidError } from '../../../src/core/launch/errors';
import { launchJob } from '../../../src/core/launch/launchJob';
import { parseSpec } from '../../../src/core/launch/specDocument';
import { exampleFile, resources, startLaunchTestBed, testRole, type LaunchTestBed } from './support/testBed';

const example = exampleFile;
const hour = 3_600_000;

describe('deployment and clone-as-spec (against the local service)', () => {
  let bed: LaunchTestBed;
  before(async () => {
    bed = await startLaunchTestBed({ clockSpeed: 0 });
  });
  after(async () => {
    await bed.dispose();
  });
  beforeEach(() => bed.emulator.requests.clear());

  /** Moves virtual time on while a deployment waits for its endpoint. */
  function keepClockMoving(): () => void {
    const timer = setInterval(() => bed.emulator.clock.advance(60_000), 5);
    return () => clearInterval(timer);
  }

  it('trains, tunes and deploys the example: the best job of the newest tuning job, to InService, then updates in place', async () => {
    for (const name of ['fraud-detection.training.yaml', 'fraud-detection.tuning.yaml']) {
      const spec = await parseSpec(await readFile(example(name), 'utf8'), example(name));
      await launchJob(spec, await bed.environment(spec.kind, example(name)));
    }
    bed.emulator.clock.advance(6 * hour);
    const path = example('fraud-detection.deploy.yaml');
    const spec = await parseSpec(await readFile(path, 'utf8'), path);
    const stop = keepClockMoving();
    try {
      const first = await deploy(spec, await bed.environment('deploy', path, { now: () => new Date(Date.UTC(2026, 0, 1)) }));
      assert.equal(first.status, 'InService');
      assert.equal(first.updated, false);
      assert.equal(first.endpointName, 'fraud-detection');
      assert.equal(first.modelName, 'fraud-detection-2026-01-01-00-00-00-000');
      const tuning = bed.emulator.state.list('hyperParameterTuningJob', bed.region) as Array<{ BestTrainingJob?: { TrainingJobName?: string } }>;
      assert.equal(first.trainedModel?.trainingJobName, tuning[0]?.BestTrainingJob?.TrainingJobName);
      const createModel = bed.emulator.requests.list({ operation: 'CreateModel' })[0]!.input as Record<string, unknown>;
      assert.deepEqual(createModel.PrimaryContainer, {
        ModelDataUrl: first.trainedModel?.modelDataUrl,
        Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      });
      assert.equal(createModel.ExecutionRoleArn, testRole);
      assert.deepEqual(bed.emulator.requests.list({ operation: 'CreateEndpointConfig' })[0]!.input, {
        EndpointConfigName: 'fraud-detection-2026-01-01-00-00-00-000',
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'fraud-detection-2026-01-01-00-00-00-000', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }],
        Tags: [
          { Key: 'team', Value: 'fraud' },
          { Key: 'launched-with', Value: 'sagemaker-companion' },
        ],
      });

      bed.emulator.requests.clear();
      const second = await deploy(spec, await bed.environment('deploy', path, { now: () => new Date(Date.UTC(2026, 0, 2)) }));
      assert.equal(second.updated, true);
      assert.equal(second.status, 'InService');
      assert.equal(bed.emulator.requests.list({ operation: 'CreateEndpoint' }).length, 0);
      assert.deepEqual(bed.emulator.requests.list({ operation: 'UpdateEndpoint' }).map((record) => record.input), [
        { EndpointName: 'fraud-detection', EndpointConfigName: 'fraud-detection-2026-01-02-00-00-00-000' },
      ]);
    } finally {
      stop();
    }
  });

  it('says at the From line when there is nothing to deploy, and creates nothing', async () => {
    const text = 'From: { LatestTrainingJob: never-trained }\nModel: { ExecutionRoleArn: "${role}" }\nEndpointConfig: { ProductionVariants: [{ InstanceType: ml.m5.large, InitialInstanceCount: 1 }] }\nEndpoint: { EndpointName: nothing }\n';
    const spec = await parseSpec(text, '/tmp/nothing.deploy.yaml');
    const error = await deploy(spec, await bed.environment('deploy', '/tmp/nothing.deploy.yaml')).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof SpecInvalidError);
    assert.equal(error.problems[0]!.range.start.line, 0);
    assert.match(error.problems[0]!.message, /No completed training job named never-trained-/);
    assert.equal(bed.emulator.requests.list({ operation: 'CreateModel' }).length, 0);
  });

  it('removes the model it made when cancelled before the endpoint request', async () => {
    const trainPath = example('fraud-detection.training.yaml');
    const train = await launchJob(await parseSpec(await readFile(trainPath, 'utf8'), trainPath), await bed.environment('training', trainPath));
    bed.emulator.clock.advance(2 * hour);
    const text = `From: { TrainingJobName: ${train.name} }\nModel: { ExecutionRoleArn: "\${role}" }\nEndpointConfig: { ProductionVariants: [{ InstanceType: ml.m5.large, InitialInstanceCount: 1 }] }\nEndpoint: { EndpointName: cancelled-one }\n`;
    const spec = await parseSpec(text, '/tmp/cancel.deploy.yaml');
    const abort = new AbortController();
    await assert.rejects(
      deploy(spec, await bed.environment('deploy', '/tmp/cancel.deploy.yaml'), {
        signal: abort.signal,
        onProgress: (message) => {
          if (message.startsWith('Creating endpoint config')) abort.abort();
        },
      }),
      (error: unknown) => error instanceof LaunchCancelledError && error.leftBehind.length === 0,
    );
    const made = bed.emulator.requests.list({ operation: 'CreateModel' });
    assert.equal(made.length, 1);
    const modelName = (made[0]!.input as { ModelName: string }).ModelName;
    assert.equal(bed.emulator.requests.list({ operation: 'DeleteModel' }).length, 1);
    assert.equal((bed.emulator.state.list('model', bed.region) as Array<{ ModelName: string }>).some((model) => model.ModelName === modelName), false);
    assert.equal(bed.emulator.requests.list({ operation: 'CreateEndpoint' }).length, 0);
  });

  it('clones a training job into a spec that relaunches to an equal request (with this launch\'s id tag only)', async () => {
    const path = example('fraud-detection.training.yaml');
    const original = await launchJob(await parseSpec(await readFile(path, 'utf8'), path), await bed.environment('training', path, { now: () => new Date(Date.UTC(2026, 1, 1)) }), { launchId: 'launch-one' });
    const spec = await cloneJob(bed.clients, bed.region, 'training', original.name, await resources.validator('training'), await resources.images());
    assert.equal(spec.TrainingJobName, 'fraud-xgb-${timestamp}');
    const text = await specToYaml(spec, ['Cloned']);
    const clonePath = '/tmp/clone.training.yaml';
    bed.emulator.requests.clear();
    const relaunched = await launchJob(await parseSpec(text, clonePath), await bed.environment('training', clonePath, { now: () => new Date(Date.UTC(2026, 1, 2)) }), { launchId: 'launch-one' });
    assert.notEqual(relaunched.name, original.name);
    const sent = bed.emulator.requests.list({ operation: 'CreateTrainingJob' })[0]!.input as Record<string, unknown>;
    const { TrainingJobName: _a, ...clone } = sent;
    const { TrainingJobName: _b, ...first } = original.request as unknown as Record<string, unknown>;
    assert.deepEqual(sortTags(clone), sortTags(first));
  });

  it('clones a tuning job too', async () => {
    const path = example('fraud-detection.tuning.yaml');
    const original = await launchJob(await parseSpec(await readFile(path, 'utf8'), path), await bed.environment('tuning', path, { now: () => new Date(Date.UTC(2026, 1, 3)) }), { launchId: 'launch-one' });
    const spec = await cloneJob(bed.clients, bed.region, 'tuning', original.name, await resources.validator('tuning'), await resources.images());
    assert.equal(spec.HyperParameterTuningJobName, 'fraud-hpo-${shortTimestamp}');
    bed.emulator.requests.clear();
    const relaunched = await launchJob(
      await parseSpec(await specToYaml(spec, []), '/tmp/clone.tuning.yaml'),
      await bed.environment('tuning', '/tmp/clone.tuning.yaml', { now: () => new Date(Date.UTC(2026, 1, 4)) }),
      { launchId: 'launch-one' },
    );
    const sent = bed.emulator.requests.list({ operation: 'CreateHyperParameterTuningJob' })[0]!.input as Record<string, unknown>;
    const { HyperParameterTuningJobName: _a, ...clone } = sent;
    const { HyperParameterTuningJobName: _b, ...first } = original.request as unknown as Record<string, unknown>;
    assert.deepEqual(sortTags(clone), sortTags(first));
    assert.notEqual(relaunched.name, original.name);
  });
});

function sortTags(request: Record<string, unknown>): Record<string, unknown> {
  const tags = (request.Tags as Array<{ Key: string }> | undefined) ?? [];
  return { ...request, Tags: [...tags].sort((a, b) => a.Key.localeCompare(b.Key)) };
}
