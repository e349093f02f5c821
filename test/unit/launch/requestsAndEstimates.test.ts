import * as assert from 'node:assert/strict';
import type { PriceQuote } from '../../../src/core/cost/priceCatalog';
import { estimateRun, jobCost, type QuoteFn } from '../../../src/core/launch/estimates';
import { locateServiceError } from '../../../src/core/launch/serviceErrors';
import { runFacts } from '../../../src/core/launch/specFacts';
import { deployRequests, mergeTags, requestMembers, trainingRequest, tuningRequest } from '../../../src/core/launch/specRequests';
import { newTrainingSpec } from '../../../src/core/launch/newJobSpec';
import { resources } from './support/testBed';

const prices: Record<string, number> = { 'ml.m5.xlarge': 0.23, 'ml.m5.large': 0.115, 'ml.g5.xlarge': 1.408 };
const quote: QuoteFn = ({ instanceType, use }) =>
  prices[instanceType] === undefined ? undefined : ({ usdPerHour: prices[instanceType] * (use === 'spotTraining' ? 0.3 : 1), source: 'pricingApi' } satisfies PriceQuote);

describe('requests from specs, and what they cost', () => {
  it('turns numbers and booleans in hyperparameters and environment into strings, and drops the extension\'s members', async () => {
    const validator = await resources.validator('training');
    const request = trainingRequest(
      validator,
      {
        $schema: 'x',
        TrainingJobName: 'a',
        Source: { Directory: '.', EntryPoint: 'train.py' },
        HyperParameters: { epochs: 3, lr: 0.001, amp: true, name: 'n' },
        Environment: { THREADS: 4 },
        InputDataConfig: [{ ChannelName: 'train', LocalPath: 'data', DataSource: { S3DataSource: { S3Uri: 's3://b/p/', S3DataType: 'S3Prefix' } } }],
      },
      [{ Key: 'k', Value: 'v' }],
      { entryPoint: 'train.py', submitDirectory: 's3://b/a/source/sourcedir.tar.gz' },
    );
    assert.deepEqual(request, {
      TrainingJobName: 'a',
      HyperParameters: { epochs: '3', lr: '0.001', amp: 'true', name: 'n', sagemaker_program: '"train.py"', sagemaker_submit_directory: '"s3://b/a/source/sourcedir.tar.gz"' },
      Environment: { THREADS: '4' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3Uri: 's3://b/p/', S3DataType: 'S3Prefix' } } }],
      Tags: [{ Key: 'k', Value: 'v' }],
    });
  });

  it('sends tuning ranges written as numbers as the strings the API takes, and script mode as static hyperparameters', async () => {
    const validator = await resources.validator('tuning');
    const request = tuningRequest(
      validator,
      {
        HyperParameterTuningJobName: 't',
        HyperParameterTuningJobConfig: { ParameterRanges: { ContinuousParameterRanges: [{ Name: 'eta', MinValue: 0.05, MaxValue: 0.5 }], CategoricalParameterRanges: [{ Name: 'm', Values: [1, 'b'] }] } },
        TrainingJobDefinition: { StaticHyperParameters: { rounds: 100 } },
      },
      [],
      { entryPoint: 'e.py', submitDirectory: 's3://b/k.tar.gz' },
    ) as unknown as Record<string, Record<string, unknown>>;
    assert.deepEqual(request.HyperParameterTuningJobConfig!.ParameterRanges, {
      ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.05', MaxValue: '0.5' }],
      CategoricalParameterRanges: [{ Name: 'm', Values: ['1', 'b'] }],
    });
    assert.deepEqual(request.TrainingJobDefinition!.StaticHyperParameters, { rounds: '100', sagemaker_program: '"e.py"', sagemaker_submit_directory: '"s3://b/k.tar.gz"' });
  });

  it('merges tags: the spec over the setting, the extension\'s own last', () => {
    assert.deepEqual(mergeTags([{ Key: 'team', Value: 'spec' }, { Key: 'cost', Value: 42 }], { team: 'setting', owner: 'ana' }), [
      { Key: 'team', Value: 'spec' },
      { Key: 'owner', Value: 'ana' },
      { Key: 'cost', Value: '42' },
      { Key: 'launched-with', Value: 'sagemaker-companion' },
    ]);
  });

  it('fills in deployment names, variants and the script-mode serving environment', async () => {
    const validator = await resources.validator('deploy');
    const requests = deployRequests(
      validator,
      { Model: { ExecutionRoleArn: 'r' }, EndpointConfig: { ProductionVariants: [{ InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }, { ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 } }] }, Endpoint: { EndpointName: 'churn' } },
      [],
      new Date(Date.UTC(2026, 2, 3, 4, 5, 6, 7)),
      {
        trainingJobName: 'job',
        modelDataUrl: 's3://b/job/output/model.tar.gz',
        trainingImage: 'train-image',
        inferenceImage: 'serve-image',
        hyperParameters: { sagemaker_program: '"train.py"', sagemaker_submit_directory: '"s3://b/job/source/sourcedir.tar.gz"' },
      },
      'eu-west-1',
    );
    assert.equal(requests.model?.ModelName, 'churn-2026-03-03-04-05-06-007');
    assert.deepEqual(requests.model?.PrimaryContainer, {
      ModelDataUrl: 's3://b/job/output/model.tar.gz',
      Image: 'serve-image',
      Environment: { SAGEMAKER_PROGRAM: 'train.py', SAGEMAKER_SUBMIT_DIRECTORY: 's3://b/job/source/sourcedir.tar.gz', SAGEMAKER_CONTAINER_LOG_LEVEL: '20', SAGEMAKER_REGION: 'eu-west-1' },
    });
    assert.deepEqual(
      requests.endpointConfig.ProductionVariants?.map((variant) => [variant.VariantName, variant.ModelName]),
      [
        ['AllTraffic', 'churn-2026-03-03-04-05-06-007'],
        ['Variant2', 'churn-2026-03-03-04-05-06-007'],
      ],
    );
    assert.equal(requests.endpoint.EndpointConfigName, requests.endpointConfig.EndpointConfigName);
    const existing = deployRequests(validator, { From: { ModelName: 'm1' }, EndpointConfig: { ProductionVariants: [{ InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }, Endpoint: { EndpointName: 'e' } }, [], new Date(0), undefined, 'us-east-1', 'm1');
    assert.equal(existing.model, undefined);
    assert.equal(existing.endpointConfig.ProductionVariants?.[0]?.ModelName, 'm1');
    assert.deepEqual(Object.keys(requestMembers(validator, { From: {}, Endpoint: {} })), ['Endpoint']);
  });

  it('estimates per hour and at worst: instances × count, spot, tuning jobs, hosting', () => {
    const training = estimateRun(runFacts('training', { ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 }, StoppingCondition: { MaxRuntimeInSeconds: 7200 } }), 'us-east-1', quote);
    assert.equal(training.summary, 'ml.m5.xlarge × 2 · $0.46/h · at most $0.92 (2h 00m)');
    const spot = estimateRun(
      runFacts('training', { EnableManagedSpotTraining: true, ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1 }, StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 } }),
      'us-east-1',
      quote,
    );
    assert.equal(spot.summary, 'spot ml.g5.xlarge × 1 · $0.42/h · at most $0.42 (1h 00m, done within 2h 00m)');
    const tuning = estimateRun(
      runFacts('tuning', {
        HyperParameterTuningJobConfig: { ResourceLimits: { MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 2 } },
        TrainingJobDefinition: { ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 }, StoppingCondition: { MaxRuntimeInSeconds: 3600 } },
      }),
      'us-east-1',
      quote,
    );
    assert.equal(tuning.summary, 'ml.m5.xlarge × 1 per job, 2 at a time · $0.46/h · at most $1.38 (6 jobs × 1h 00m)');
    const hosting = estimateRun(runFacts('deploy', { EndpointConfig: { ProductionVariants: [{ InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }] } }), 'us-east-1', quote);
    assert.equal(hosting.summary, 'ml.m5.large × 2 · $0.23/h while in service');
    const unknown = estimateRun(runFacts('training', { ResourceConfig: { InstanceType: 'ml.zz.huge', InstanceCount: 1 } }), 'us-east-1', quote);
    assert.equal(unknown.summary, 'ml.zz.huge × 1 · price unknown');
    const approximate = estimateRun(runFacts('training', { ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 } }), 'us-east-1', () => ({ usdPerHour: 0.23, source: 'estimate', basis: 'Studio rate of 2025-12-05' }));
    assert.equal(approximate.summary, 'ml.m5.xlarge × 1 · ≈ $0.23/h · at most ≈ $5.52 (1d 0h)');
    assert.equal(approximate.basis, 'Studio rate of 2025-12-05');
  });

  it('prices a finished job from its billable seconds', () => {
    assert.deepEqual(jobCost(1800, [{ instanceType: 'ml.m5.xlarge', count: 2 }], false, 'us-east-1', quote), { usd: 0.23, approximate: false });
    assert.equal(jobCost(undefined, [{ instanceType: 'ml.m5.xlarge', count: 2 }], false, 'us-east-1', quote), undefined);
  });

  it('locates the service\'s validation errors in the request (Coral paths, 1-based lists)', () => {
    const error = Object.assign(
      new Error(
        "2 validation errors detected: Value 'ml.m5.tiny' at 'resourceConfig.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [ml.m5.large]; Value 'a b' at 'inputDataConfig.2.member.channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9\\.\\-_]+",
      ),
      { name: 'ValidationException', $metadata: { httpStatusCode: 400 } },
    );
    const request = { ResourceConfig: { InstanceType: 'ml.m5.tiny' }, InputDataConfig: [{ ChannelName: 'train' }, { ChannelName: 'a b' }] };
    assert.deepEqual(locateServiceError(error, request).map((found) => found.path), [
      ['ResourceConfig', 'InstanceType'],
      ['InputDataConfig', 1, 'ChannelName'],
    ]);
    assert.deepEqual(locateServiceError(error, { EndpointName: 'x' }, ['Endpoint']).map((found) => found.path), []);
  });

  it('writes the spec the New Training Job flow describes', () => {
    const spec = newTrainingSpec({
      baseName: 'train',
      image: '${image:pytorch-training:2.8.0}',
      script: { directory: 'src', entryPoint: 'train.py' },
      instanceType: 'ml.g5.xlarge',
      instanceCount: 1,
      maxRuntimeSeconds: 3600,
      spotMaxWaitSeconds: 1800,
      role: '${role}',
      channels: [{ name: 'train', localPath: 'data/train', s3Uri: 's3://${defaultBucket}/train/data/train/' }],
      outputPath: 's3://${defaultBucket}/train/output/',
    });
    assert.deepEqual(spec.StoppingCondition, { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 3600 });
    assert.equal(spec.EnableManagedSpotTraining, true);
    assert.deepEqual(spec.Source, { Directory: 'src', EntryPoint: 'train.py' });
    assert.deepEqual(Object.keys(spec).slice(0, 3), ['TrainingJobName', 'Source', 'AlgorithmSpecification']);
  });
});
