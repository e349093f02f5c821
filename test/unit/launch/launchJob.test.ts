import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { LaunchCancelledError, SpecInvalidError } from '../../../src/core/launch/errors';
import { launchJob } from '../../../src/core/launch/launchJob';
import { openMultipartUploads } from '../../../src/core/launch/packaging/upload';
import { parseSpec } from '../../../src/core/launch/specDocument';
import { makeTree } from './support/folders';
import { getObject, listKeys, tarFile, tarNames } from './support/s3Objects';
import { startLaunchTestBed, testRole, type LaunchTestBed } from './support/testBed';

const now = new Date(Date.UTC(2026, 10, 20, 14, 5, 9, 7));
const stamp = '2026-11-20-14-05-09-007';

const scriptSpec = [
  'TrainingJobName: churn-${timestamp}',
  'Source:',
  '  Directory: code',
  '  EntryPoint: train.py',
  '  Exclude: ["*.ipynb", "notes/"]',
  'AlgorithmSpecification:',
  '  TrainingImage: ${image:pytorch-training:2.8.0}',
  '  TrainingInputMode: File',
  'RoleArn: ${role}',
  'HyperParameters:',
  '  epochs: 3',
  '  lr: 0.01',
  '  use_amp: true',
  'InputDataConfig:',
  '  - ChannelName: train',
  '    LocalPath: data',
  '    DataSource:',
  '      S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/churn/data/", S3DataDistributionType: FullyReplicated }',
  'OutputDataConfig:',
  '  S3OutputPath: s3://${defaultBucket}/churn/output/',
  'ResourceConfig: { InstanceType: ml.g5.xlarge, InstanceCount: 2, VolumeSizeInGB: 30 }',
  'StoppingCondition: { MaxRuntimeInSeconds: 7200 }',
  'Tags: [{ Key: project, Value: churn }, { Key: team, Value: spec-wins }]',
].join('\n');

const project = {
  'churn.training.yaml': scriptSpec,
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.gitignore': 'checkpoints/\n',
  'code/train.py': 'print("training")\n',
  'code/model/net.py': 'class Net: pass\n',
  'code/requirements.txt': 'torch\n',
  'code/explore.ipynb': '{}',
  'code/notes/todo.md': 'nothing\n',
  'code/checkpoints/epoch1.pt': 'weights',
  'code/.env': 'API_KEY=secret\n',
  'code/.aws/credentials': '[default]\naws_secret_access_key=x\n',
  'code/server.pem': 'key',
  'data/part-0.csv': '1,2,3\n',
  'data/part-1.csv': '4,5,6\n',
};

describe('launching training and tuning specs (against the local service)', () => {
  let bed: LaunchTestBed;
  before(async () => {
    bed = await startLaunchTestBed({ clockSpeed: 0 });
  });
  after(async () => {
    await bed.dispose();
  });
  beforeEach(() => bed.emulator.requests.clear());

  it('sends exactly the request the spec describes, placeholders resolved, and uploads exactly the expected files', async () => {
    const tree = await makeTree(project);
    try {
      const path = join(tree.root, 'churn.training.yaml');
      const spec = await parseSpec(scriptSpec, path);
      const launch = await launchJob(spec, await bed.environment('training', path, { now: () => now }), { launchId: 'a1b2c3d4e5f6' });
      const bucket = `sagemaker-${bed.region}-${bed.emulator.accountId}`;
      const name = `churn-${stamp}`;
      assert.equal(launch.name, name);
      const created = bed.emulator.requests.list({ operation: 'CreateTrainingJob' });
      assert.equal(created.length, 1);
      assert.deepEqual(created[0]!.input, {
        TrainingJobName: name,
        AlgorithmSpecification: { TrainingImage: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.8.0-gpu-py312', TrainingInputMode: 'File' },
        RoleArn: testRole,
        HyperParameters: {
          epochs: '3',
          lr: '0.01',
          use_amp: 'true',
          sagemaker_program: '"train.py"',
          sagemaker_submit_directory: `"s3://${bucket}/${name}/source/a1b2c3d4e5f6/sourcedir.tar.gz"`,
        },
        InputDataConfig: [
          {
            ChannelName: 'train',
            DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${bucket}/churn/data/`, S3DataDistributionType: 'FullyReplicated' } },
          },
        ],
        OutputDataConfig: { S3OutputPath: `s3://${bucket}/churn/output/` },
        ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 2, VolumeSizeInGB: 30 },
        StoppingCondition: { MaxRuntimeInSeconds: 7200 },
        Tags: [
          { Key: 'team', Value: 'spec-wins' },
          { Key: 'project', Value: 'churn' },
          { Key: 'launched-with', Value: 'sagemaker-companion' },
          { Key: 'sagemaker-companion:launch-id', Value: 'a1b2c3d4e5f6' },
        ],
      });
      const archive = await getObject(bed.clients, bed.region, bucket, `${name}/source/a1b2c3d4e5f6/sourcedir.tar.gz`);
      assert.deepEqual(tarNames(archive), ['model/net.py', 'requirements.txt', 'train.py']);
      assert.equal(tarFile(archive, 'train.py'), 'print("training")\n');
      assert.deepEqual([...launch.secretsLeftOut].sort(), ['.aws/', '.env', 'server.pem']);
      assert.deepEqual(await listKeys(bed.clients, bed.region, bucket, 'churn/data/'), ['churn/data/part-0.csv', 'churn/data/part-1.csv']);
      assert.deepEqual(launch.dataUploads, [{ localPath: 'data', uri: `s3://${bucket}/churn/data/`, uploaded: 2, unchanged: 0 }]);
    } finally {
      await tree.dispose();
    }
  });

  it('skips data already uploaded unchanged, and generates a new name per launch', async () => {
    const tree = await makeTree(project);
    try {
      const path = join(tree.root, 'churn.training.yaml');
      const spec = await parseSpec(scriptSpec, path);
      const first = await launchJob(spec, await bed.environment('training', path, { now: () => new Date(now.getTime() + 1) }));
      const second = await launchJob(spec, await bed.environment('training', path, { now: () => new Date(now.getTime() + 2) }));
      assert.notEqual(first.name, second.name);
      assert.deepEqual(second.dataUploads.map((upload) => [upload.uploaded, upload.unchanged]), [[0, 2]]);
      assert.equal(bed.emulator.requests.list({ operation: 'PutObject' }).filter((record) => /churn\/data\//.test(JSON.stringify(record.input))).length, 0);
    } finally {
      await tree.dispose();
    }
  });

  it('checks a create whose answer was lost with Describe, and never creates twice', async () => {
    const tree = await makeTree(project);
    try {
      const path = join(tree.root, 'churn.training.yaml');
      const spec = await parseSpec(scriptSpec, path);
      // The service creates the job, then the answer arrives cut off.
      bed.emulator.faults.set({ operation: 'CreateTrainingJob', malformedBodyRate: 1, count: 1 });
      const lost = await launchJob(spec, await bed.environment('training', path, { now: () => new Date(now.getTime() + 10) }));
      assert.equal(lost.recovered, true);
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 1);
      assert.ok(bed.emulator.requests.list({ operation: 'DescribeTrainingJob' }).length >= 1);
      // The connection drops before the service acts: Describe finds nothing, the create is sent again.
      bed.emulator.requests.clear();
      bed.emulator.faults.set({ operation: 'CreateTrainingJob', dropConnectionRate: 1, count: 1 });
      const dropped = await launchJob(spec, await bed.environment('training', path, { now: () => new Date(now.getTime() + 11) }));
      assert.equal(dropped.recovered, false);
      const creates = bed.emulator.requests.list({ operation: 'CreateTrainingJob' });
      assert.deepEqual(creates.map((record) => record.status), [0, 200]);
      assert.equal((bed.emulator.state.list('trainingJob', bed.region) as Array<{ TrainingJobName: string }>).filter((job) => job.TrainingJobName === dropped.name).length, 1);
    } finally {
      bed.emulator.faults.clear();
      await tree.dispose();
    }
  });

  it('leaves nothing behind when cancelled while packing: no job, no package, no multipart upload', async () => {
    // 48 MiB that does not compress: six 8 MiB parts, more than the four uploaded at once.
    const big = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`code/weights/w${String(i).padStart(2, '0')}.bin`, randomBytes(1024 * 1024)]));
    const tree = await makeTree({ ...project, ...big });
    try {
      const path = join(tree.root, 'churn.training.yaml');
      const spec = await parseSpec(scriptSpec, path);
      const abort = new AbortController();
      // Cancel once the first part of the package has reached S3, mid-multipart-upload (parts are slowed down).
      bed.emulator.faults.set({ service: 's3', operation: 'UploadPart', latencyMs: 150 });
      const partArrived = bed.emulator.requests.waitFor({ operation: 'UploadPart' }, 20_000).then(() => abort.abort());
      await assert.rejects(
        launchJob(spec, await bed.environment('training', path, { now: () => new Date(now.getTime() + 20) }), { signal: abort.signal, launchId: 'cancelled' }),
        (error: unknown) => error instanceof LaunchCancelledError && error.leftBehind.every((item) => item.kind === 'data'),
      );
      await partArrived;
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 0);
      const bucket = `sagemaker-${bed.region}-${bed.emulator.accountId}`;
      const key = `churn-2026-11-20-14-05-09-027/source/cancelled/sourcedir.tar.gz`;
      const left = await listKeys(bed.clients, bed.region, bucket, 'churn-2026-11-20-14-05-09-027/');
      assert.deepEqual(left, []);
      assert.deepEqual(await openMultipartUploads(bed.clients, bed.region, { bucket, key }), []);
      assert.ok(bed.emulator.requests.list({ operation: 'AbortMultipartUpload' }).length >= 1);
      assert.equal(bed.emulator.requests.list({ operation: 'CompleteMultipartUpload' }).length, 0);
    } finally {
      bed.emulator.faults.clear();
      await tree.dispose();
    }
  });

  it('cleans up a multipart upload that fails, and creates no job', async () => {
    const big = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`code/weights/w${String(i).padStart(2, '0')}.bin`, randomBytes(1024 * 1024)]));
    const tree = await makeTree({ ...project, ...big });
    try {
      const path = join(tree.root, 'churn.training.yaml');
      // Every part fails, retries included: S3 is down for uploads.
      bed.emulator.faults.set({ service: 's3', operation: 'UploadPart', serverErrorRate: 1 });
      const failure = await launchJob(await parseSpec(scriptSpec, path), await bed.environment('training', path, { now: () => new Date(now.getTime() + 25) }), { launchId: 'failed' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(failure instanceof Error && !(failure instanceof LaunchCancelledError), String(failure));
      const bucket = `sagemaker-${bed.region}-${bed.emulator.accountId}`;
      const key = 'churn-2026-11-20-14-05-09-032/source/failed/sourcedir.tar.gz';
      bed.emulator.faults.clear();
      assert.deepEqual(await openMultipartUploads(bed.clients, bed.region, { bucket, key }), []);
      assert.ok(bed.emulator.requests.list({ operation: 'AbortMultipartUpload' }).length >= 1);
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 0);
    } finally {
      bed.emulator.faults.clear();
      await tree.dispose();
    }
  });

  it('refuses a missing bucket at the line that names it, and asks before creating the default bucket', async () => {
    const tree = await makeTree(project);
    try {
      const path = join(tree.root, 'churn.training.yaml');
      const elsewhere = scriptSpec.replace('S3OutputPath: s3://${defaultBucket}/churn/output/', 'S3OutputPath: s3://no-such-bucket/churn/output/');
      const error = await launchJob(await parseSpec(elsewhere, path), await bed.environment('training', path, { now: () => new Date(now.getTime() + 30) })).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof SpecInvalidError);
      assert.equal(error.problems[0]!.message, 'The bucket no-such-bucket does not exist (or belongs to another account).');
      assert.equal(error.problems[0]!.range.start.line, 19);
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 0);

      // A fresh account: the default bucket does not exist yet.
      const s3 = await bed.clients.s3(bed.region);
      const bucket = `sagemaker-${bed.region}-${bed.emulator.accountId}`;
      const { DeleteObjectsCommand } = await import('@aws-sdk/client-s3');
      const keys = await listKeys(bed.clients, bed.region, bucket);
      if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
      await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
      const asked: string[] = [];
      const declined = await launchJob(
        await parseSpec(scriptSpec, path),
        await bed.environment('training', path, { now: () => new Date(now.getTime() + 31), confirmCreateBucket: (name) => (asked.push(name), Promise.resolve(false)) }),
      ).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      assert.deepEqual(asked, [bucket]);
      assert.ok(declined instanceof SpecInvalidError && /creating it was declined/.test(declined.message));
      assert.equal(bed.emulator.requests.list({ operation: 'CreateBucket' }).length, 0);
      const accepted = await launchJob(await parseSpec(scriptSpec, path), await bed.environment('training', path, { now: () => new Date(now.getTime() + 32) }));
      assert.equal(bed.emulator.requests.list({ operation: 'CreateBucket' }).length, 1);
      assert.ok(accepted.bucketsCreated.includes(bucket));
    } finally {
      await tree.dispose();
    }
  });
});
