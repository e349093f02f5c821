import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSpec, type ParsedSpec } from '../../../src/core/launch/specDocument';
import { checkSpec, type SpecCheckEnvironment } from '../../../src/core/launch/specValidation';
import type { SpecKind } from '../../../src/core/launch/specKind';
import { projectRoot, resources, testRole } from './support/testBed';

const example = (name: string): string => join(projectRoot, 'examples', 'fraud-detection', name);

async function check(text: string, fileName: string, overrides: Partial<SpecCheckEnvironment> = {}): Promise<{ spec: ParsedSpec; problems: Awaited<ReturnType<typeof checkSpec>> }> {
  const spec = await parseSpec(text, fileName);
  const env: SpecCheckEnvironment = {
    region: 'us-east-1',
    role: testRole,
    images: await resources.images(),
    specDir: join(projectRoot, 'examples', 'fraud-detection'),
    stat: (path) => Promise.resolve(/data\/(train|validation)$|\/code$/.test(path) ? 'directory' : /train\.py$/.test(path) ? 'file' : undefined),
    ...overrides,
  };
  return { spec, problems: await checkSpec(spec, await resources.validator(spec.kind), env) };
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle));

describe('spec checks (what diagnostics show before anything is sent)', () => {
  for (const name of ['fraud-detection.training.yaml', 'fraud-detection-script.training.yaml', 'fraud-detection.tuning.yaml', 'fraud-detection.deploy.yaml']) {
    it(`finds nothing wrong in the example ${name}`, async () => {
      const { problems } = await check(await readFile(example(name), 'utf8'), example(name));
      assert.deepEqual(problems.map((problem) => problem.message), []);
    });
  }

  it('reads the AWS CLI skeleton (--generate-cli-skeleton) as a valid start: every member known, only empty values flagged', async () => {
    for (const [file, kind] of [
      ['create-training-job.skeleton.json', 'training'],
      ['create-hyper-parameter-tuning-job.skeleton.json', 'tuning'],
    ] as Array<[string, SpecKind]>) {
      const text = await readFile(join(__dirname, 'fixtures', file), 'utf8');
      const { problems } = await check(text, `skeleton.${kind}.json`);
      assert.ok(problems.length > 0);
      const structural = problems.filter((problem) => /Unknown member|must be [^,]+, not |has no value|is missing/.test(problem.message));
      assert.deepEqual(structural.map((problem) => problem.message), []);
      const name = problems.find((problem) => problem.path.join('.') === (kind === 'training' ? 'TrainingJobName' : 'HyperParameterTuningJobName'));
      assert.equal(name?.message, `${kind === 'training' ? 'TrainingJobName' : 'HyperParameterTuningJobName'} must not be empty`);
      assert.equal(name?.range.start.line, 1);
    }
  });

  it('points schema errors at the offending line, with suggestions', async () => {
    const text = [
      'TrainingJobName: fraud-${timestamp}',
      'RoleArn: ${role}',
      'AlgorithmSpecification:',
      '  TrainingImage: ${image:xgboost:1.7-1}',
      '  TrainingInputMode: file',
      'OutputDataConfig:',
      '  S3OutputPath: s3://bucket/out/',
      'ResourceConfig:',
      '  InstanceType: ml.m5.xlarg',
      '  InstanceCount: two',
      '  VolumeSizeInGB: 10',
      'StopingCondition:',
      '  MaxRuntimeInSeconds: 60',
    ].join('\n');
    const { problems } = await check(text, '/tmp/x.training.yaml');
    const at = (needle: string): string[] => problems.filter((problem) => problem.range.start.line === lineOf(text, needle)).map((problem) => problem.message);
    assert.deepEqual(at('TrainingInputMode'), ['"file" is not a valid AlgorithmSpecification.TrainingInputMode; did you mean "File"?']);
    assert.deepEqual(at('InstanceType'), ['"ml.m5.xlarg" is not a valid ResourceConfig.InstanceType; did you mean "ml.m5.xlarge"?']);
    assert.deepEqual(at('InstanceCount'), ['ResourceConfig.InstanceCount must be a whole number, not the string "two"']);
    assert.deepEqual(at('StopingCondition'), ['Unknown member StopingCondition; did you mean StoppingCondition?']);
    const unknownRange = problems.find((problem) => problem.message.startsWith('Unknown member'))!.range;
    assert.deepEqual([unknownRange.start.character, unknownRange.end.character], [0, 'StopingCondition'.length]);
  });

  it('flags placeholders that cannot resolve, at the placeholder itself', async () => {
    const text = [
      'TrainingJobName: fraud-${timestamp}',
      'RoleArn: ${role}',
      'AlgorithmSpecification:',
      '  TrainingImage: ${image:xgboost:0.9}',
      'OutputDataConfig:',
      '  S3OutputPath: s3://${bucket}/out/',
      'ResourceConfig: { InstanceType: ml.m5.large, InstanceCount: 1, VolumeSizeInGB: 5 }',
    ].join('\n');
    const { problems } = await check(text, '/tmp/x.training.yaml', { role: undefined });
    const messages = problems.map((problem) => `${problem.range.start.line}:${problem.range.start.character}-${problem.range.end.character} ${problem.message}`);
    assert.ok(messages.includes('1:9-16 ${role} needs an execution role: set sagemaker.launch.executionRoleArn in your User settings, or write the role ARN here.'), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('3:17-37 ${image:xgboost:0.9}: xgboost has no version 0.9')), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('5:21-30 Unknown placeholder ${bucket}')), messages.join('\n'));
  });

  it('says where the role is set in the window the spec is open in', async () => {
    const { problems } = await check('RoleArn: ${role}\n', '/tmp/x.training.yaml', { role: undefined, settingsPlace: 'Remote settings' });
    assert.ok(problems.some((problem) => problem.message === '${role} needs an execution role: set sagemaker.launch.executionRoleArn in your Remote settings, or write the role ARN here.'), problems.map((problem) => problem.message).join('\n'));
  });

  it('checks the source block, local channel folders and spot settings', async () => {
    const text = [
      'TrainingJobName: fraud-${timestamp}',
      'RoleArn: ${role}',
      'Source: { Directory: missing, EntryPoint: train.py }',
      'AlgorithmSpecification: { TrainingImage: "${image:xgboost:1.7-1}" }',
      'InputDataConfig:',
      '  - ChannelName: train',
      '    LocalPath: data/nowhere',
      '    DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://b/train/" } }',
      'OutputDataConfig: { S3OutputPath: "s3://b/out/" }',
      'ResourceConfig: { InstanceType: ml.m5.large, InstanceCount: 1, VolumeSizeInGB: 5 }',
      'EnableManagedSpotTraining: true',
      'StoppingCondition: { MaxRuntimeInSeconds: 3600 }',
    ].join('\n');
    const { problems } = await check(text, '/tmp/x.training.yaml');
    const messages = problems.map((problem) => `${problem.range.start.line} ${problem.message}`);
    assert.ok(messages.includes("2 The source folder missing does not exist (relative to this spec's folder)."), messages.join('\n'));
    assert.ok(messages.includes("6 The local folder data/nowhere does not exist (relative to this spec's folder)."), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('10 Managed spot training needs StoppingCondition.MaxWaitTimeInSeconds')), messages.join('\n'));
  });

  it('sees what a timestamp makes of a 32-character tuning job name', async () => {
    const text = (await readFile(example('fraud-detection.tuning.yaml'), 'utf8')).replace('fraud-hpo-${shortTimestamp}', 'fraud-detection-hpo-${timestamp}');
    const { problems } = await check(text, example('fraud-detection.tuning.yaml'));
    assert.deepEqual(
      problems.map((problem) => problem.message),
      ['Once resolved this name has 43 characters; at most 32 are allowed. Use ${shortTimestamp} (13 characters) here, or a shorter base.'],
    );
  });

  it('checks deployments across their three requests', async () => {
    const text = [
      'From: { TrainingJobName: job-1 }',
      'EndpointConfig:',
      '  ProductionVariants:',
      '    - InstanceType: ml.m5.large',
      '    - ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }',
      '      InstanceType: ml.m5.large',
      '      InitialInstanceCount: 1',
      'Endpoint: { EndpointName: fraud }',
    ].join('\n');
    const { problems } = await check(text, '/tmp/x.deploy.yaml');
    const messages = problems.map((problem) => `${problem.range.start.line} ${problem.message}`);
    assert.ok(messages.some((message) => message.startsWith('0 The spec needs a Model section')), messages.join('\n'));
    assert.ok(messages.includes('3 Give InitialInstanceCount with InstanceType.'), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('4 A variant is either serverless')), messages.join('\n'));
  });

  it('reports YAML syntax errors and nothing else', async () => {
    const { problems } = await check('TrainingJobName: a\n  bad: [unclosed\n', '/tmp/x.training.yaml');
    assert.ok(problems.length > 0);
    assert.ok(problems.every((problem) => problem.source === 'syntax'));
  });

  it('reads JSON specs with the same positions', async () => {
    const text = '{\n  "TrainingJobName": "x-${timestamp}",\n  "RoleArn": "${role}",\n  "Bogus": 1,\n  "OutputDataConfig": {"S3OutputPath": "s3://b/o/"}\n}\n';
    const { problems } = await check(text, '/tmp/x.training.json');
    const bogus = problems.find((problem) => problem.message.startsWith('Unknown member Bogus'));
    assert.equal(bogus?.range.start.line, 3);
    assert.equal(bogus?.range.start.character, 2);
  });
});
