// What a launch may never do: delete or overwrite what it did not make, upload into a bucket
// another account owns, upload from outside the workspace or pack secrets, report someone
// else's job as its own, or leave half an upload behind.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyAwsError } from '../../../src/core/aws/errors';
import { createOnce, NotOursError } from '../../../src/core/launch/createOnce';
import { LaunchCancelledError, SpecInvalidError } from '../../../src/core/launch/errors';
import { carriesLaunchId, launchJob } from '../../../src/core/launch/launchJob';
import type { UploadPreview } from '../../../src/core/launch/launchPlan';
import { uploadFolder } from '../../../src/core/launch/packaging/dataUpload';
import { listSourceFiles } from '../../../src/core/launch/packaging/sourceFiles';
import { parseS3Uri } from '../../../src/core/launch/s3';
import { parseSpec } from '../../../src/core/launch/specDocument';
import { checkSpec } from '../../../src/core/launch/specValidation';
import { makeTree } from './support/folders';
import { getObject, listKeys } from './support/s3Objects';
import { resources, startLaunchTestBed, testRole, type LaunchTestBed } from './support/testBed';

const spec = (name: string, extra: string[] = []): string =>
  [
    `TrainingJobName: ${name}`,
    'Source:',
    '  Directory: code',
    '  EntryPoint: train.py',
    'AlgorithmSpecification:',
    '  TrainingImage: ${image:pytorch-training:2.8.0}',
    '  TrainingInputMode: File',
    'RoleArn: ${role}',
    'OutputDataConfig:',
    '  S3OutputPath: s3://${defaultBucket}/safety/output/',
    'ResourceConfig: { InstanceType: ml.m5.xlarge, InstanceCount: 1, VolumeSizeInGB: 10 }',
    'StoppingCondition: { MaxRuntimeInSeconds: 600 }',
    ...extra,
  ].join('\n');

const uploads = (bed: LaunchTestBed): number =>
  bed.emulator.requests.list({ operation: 'PutObject' }).length + bed.emulator.requests.list({ operation: 'CreateMultipartUpload' }).length;

describe('launch safety (against the local service)', () => {
  let bed: LaunchTestBed;
  before(async () => {
    bed = await startLaunchTestBed({ clockSpeed: 0 });
  });
  after(async () => {
    await bed.dispose();
  });
  beforeEach(() => {
    bed.emulator.requests.clear();
    bed.emulator.faults.clear();
  });

  it('refuses a relaunch under a taken fixed name before uploading, and leaves the existing job’s package in place', async () => {
    const tree = await makeTree({ 'fixed.training.yaml': spec('fixed-name-job'), 'code/train.py': 'print("first")\n' });
    try {
      const path = join(tree.root, 'fixed.training.yaml');
      const first = await launchJob(await parseSpec(spec('fixed-name-job'), path), await bed.environment('training', path));
      const { bucket, key } = parseS3Uri(first.sourceUri!);
      const before = await getObject(bed.clients, bed.region, bucket, key);
      bed.emulator.requests.clear();

      const again = await launchJob(await parseSpec(spec('fixed-name-job'), path), await bed.environment('training', path)).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(again instanceof SpecInvalidError, String(again));
      assert.equal(again.problems[0]!.message, 'A training job named fixed-name-job already exists in us-east-1: give this launch another name (for example with ${timestamp}).');
      assert.equal(again.problems[0]!.range.start.line, 0);
      assert.equal(uploads(bed), 0, 'nothing was uploaded');
      assert.equal(bed.emulator.requests.list({ operation: 'DeleteObject' }).length, 0, 'nothing was deleted');
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 0);
      assert.deepEqual(await getObject(bed.clients, bed.region, bucket, key), before);
    } finally {
      await tree.dispose();
    }
  });

  it('packages each launch under a key of its own, so a refused create deletes only its own package', async () => {
    const tree = await makeTree({ 'code/train.py': 'print("x")\n' });
    try {
      const path = join(tree.root, 'own.training.yaml');
      const first = await launchJob(await parseSpec(spec('own-${timestamp}'), path), await bed.environment('training', path, { now: () => new Date(Date.UTC(2026, 2, 1)) }));
      const second = await launchJob(await parseSpec(spec('own-${timestamp}'), path), await bed.environment('training', path, { now: () => new Date(Date.UTC(2026, 2, 2)) }));
      assert.match(first.sourceUri!, /^s3:\/\/sagemaker-us-east-1-123456789012\/own-2026-03-01-00-00-00-000\/source\/[0-9a-f]{12}\/sourcedir\.tar\.gz$/);
      assert.notEqual(first.sourceUri!.split('/').at(-2), second.sourceUri!.split('/').at(-2));
    } finally {
      await tree.dispose();
    }
  });

  it('stops at a bucket named as the default bucket that another account owns, and uploads nothing into it', async () => {
    const region = 'eu-west-1';
    const bucket = `sagemaker-${region}-${bed.emulator.accountId}`;
    const other = bed.emulator.accounts.register({ accessKeyId: 'AKIDLOCALSQUATTER001', secretAccessKey: 'local/squatter/secret', accountId: '999999999999' });
    const squatter = new S3Client({ region, endpoint: bed.emulator.url, forcePathStyle: true, credentials: { accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey } });
    await squatter.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
    squatter.destroy();
    const tree = await makeTree({ 'code/train.py': 'print("x")\n' });
    try {
      const path = join(tree.root, 'squat.training.yaml');
      bed.emulator.requests.clear();
      const error = await launchJob(await parseSpec(spec('squat-${timestamp}'), path), await bed.environment('training', path, { region })).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof SpecInvalidError, String(error));
      assert.match(error.problems[0]!.message, new RegExp(`^The bucket ${bucket} is not owned by account ${bed.emulator.accountId} .*another account may have created a bucket of that name\\. Nothing was uploaded`));
      assert.equal(uploads(bed), 0);
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 0);
    } finally {
      await tree.dispose();
    }
  });

  it('does not report an older job of the same name as the one its lost create made', async () => {
    const client = await bed.clients.sagemaker(bed.region);
    const once = await bed.clients.sagemaker(bed.region, { maxAttempts: 1 });
    const request = {
      TrainingJobName: 'older-same-name',
      AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' as const },
      RoleArn: testRole,
      OutputDataConfig: { S3OutputPath: `s3://sagemaker-${bed.region}-${bed.emulator.accountId}/older/` },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge' as const, InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 600 },
    };
    await client.send(new CreateTrainingJobCommand(request));
    // This launch's create is lost before the service acts; Describe then finds the older job.
    bed.emulator.faults.set({ operation: 'CreateTrainingJob', dropConnectionRate: 1, count: 1 });
    const launchId = 'this-launch-id';
    await assert.rejects(
      createOnce({
        create: () => once.send(new CreateTrainingJobCommand({ ...request, Tags: [{ Key: 'sagemaker-companion:launch-id', Value: launchId }] })),
        describe: () =>
          client.send(new DescribeTrainingJobCommand({ TrainingJobName: request.TrainingJobName })).catch((error: unknown) => {
            if (classifyAwsError(error).kind === 'notFound') return undefined;
            throw error;
          }),
        isOurs: (described) => carriesLaunchId(bed.clients, bed.region, described.TrainingJobArn, launchId),
        backoffMs: () => 0,
      }),
      NotOursError,
    );
  });

  it('a failing data upload stops the other files at once and deletes the objects it created', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`part-${String(i).padStart(2, '0')}.csv`, randomBytes(2048)]));
    const tree = await makeTree(files);
    try {
      const bucket = `sagemaker-${bed.region}-${bed.emulator.accountId}`;
      await bed.clients.s3(bed.region).then((s3) => s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined));
      const prefix = { bucket, key: 'safety/failing-data/' };
      // The first eight uploads land, then one fails (the client makes one attempt).
      let puts = 0;
      bed.emulator.faults.set({ service: 's3', operation: 'PutObject', latencyMs: 20 });
      const failing = uploadFolder(bed.clients, bed.region, tree.root, prefix, {
        concurrency: 4,
        onProgress: () => {
          if (++puts === 8) bed.emulator.faults.set({ service: 's3', operation: 'PutObject', serverErrorRate: 1, count: 1 });
        },
      });
      await assert.rejects(failing);
      const sent = bed.emulator.requests.list({ operation: 'PutObject' }).length;
      assert.ok(sent < 20, `${sent} PutObject requests: the others did not stop`);
      assert.deepEqual(await listKeys(bed.clients, bed.region, bucket, prefix.key), [], 'what it created is deleted');
      assert.equal(bed.emulator.requests.list({ operation: 'PutObject' }).length, sent, 'nothing is sent after the failure is reported');
    } finally {
      await tree.dispose();
    }
  });

  it('shows what will be uploaded and where before uploading, and sends nothing when declined', async () => {
    const tree = await makeTree({ 'code/train.py': 'print("x")\n', 'code/model.bin': randomBytes(5000), 'code/small.txt': 'a', 'code/.ENV': 'KEY=1' });
    try {
      const path = join(tree.root, 'asked.training.yaml');
      const asked: UploadPreview[] = [];
      const declined = await launchJob(
        await parseSpec(spec('asked-${timestamp}'), path),
        await bed.environment('training', path, { confirmUpload: (preview) => (asked.push(preview), Promise.resolve(false)) }),
        { launchId: 'feedfacecafe' },
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(declined instanceof LaunchCancelledError);
      assert.equal(asked.length, 1);
      const [preview] = asked;
      assert.equal(preview!.folder, join(tree.root, 'code'));
      assert.match(preview!.destination, /^s3:\/\/sagemaker-us-east-1-123456789012\/asked-[-0-9]+\/source\/feedfacecafe\/sourcedir\.tar\.gz$/);
      assert.equal(preview!.files, 3);
      assert.equal(preview!.bytes, 5000 + 11 + 1);
      assert.deepEqual(preview!.largest.map((file) => file.path), ['model.bin', 'train.py', 'small.txt']);
      assert.deepEqual(preview!.secretsLeftOut, ['.ENV']);
      assert.equal(uploads(bed), 0);
      assert.equal(bed.emulator.requests.list({ operation: 'CreateBucket' }).length, 0);
      assert.equal(bed.emulator.requests.list({ operation: 'CreateTrainingJob' }).length, 0);
    } finally {
      await tree.dispose();
    }
  });
});

describe('local paths and secrets', () => {
  it('never packs secret files, whatever their case, nor dependency and cache folders', async () => {
    const secrets = [
      '.env',
      '.ENV.local',
      '.envrc',
      '.aws/config',
      '.AWS/credentials',
      '.ssh/id_ed25519',
      'keys/id_rsa',
      'keys/ID_DSA.pub',
      'tls/server.pem',
      'tls/Server.KEY',
      'putty.ppk',
      '.netrc',
      '.pgpass',
      '.boto',
      '.s3cfg',
      '.kube/config',
      '.docker/config.json',
      '.config/gcloud/credentials.db',
      'nested/.config/gcloud/adc.json',
      '.azure/azureProfile.json',
      'service-account-prod.json',
      'Service-Account.json',
      'aws_credentials.txt',
      'MyCredentials.csv',
      'secrets.yaml',
      'secrets.yml',
      'terraform.tfstate',
      'terraform.tfstate.backup',
      '.htpasswd',
    ];
    const junk = ['node_modules/lib/index.js', '.venv/bin/python', 'venv/lib/site.py', '__pycache__/train.cpython-312.pyc', '.git/HEAD'];
    const kept = ['train.py', 'config/settings.yaml', 'keys/README.md', 'model/tokenizer.json'];
    const tree = await makeTree(Object.fromEntries([...secrets, ...junk, ...kept].map((file) => [file, 'x'])));
    try {
      const listing = await listSourceFiles(tree.root, { gitignore: false });
      assert.deepEqual(listing.files.map((file) => file.path).sort(), [...kept].sort());
    } finally {
      await tree.dispose();
    }
  });

  it('flags Source.Directory and LocalPath that leave the workspace folder (../.., an absolute path, a symbolic link), and a launch of it uploads nothing', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'outside-'));
    const tree = await makeTree({ 'project/code/train.py': 'print("x")\n', 'project/data/a.csv': '1\n' }, { 'project/linked': outside });
    try {
      const text = spec('paths-${timestamp}', [
        'InputDataConfig:',
        '  - ChannelName: up',
        '    LocalPath: ../..',
        '    DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/paths/up/" } }',
        '  - ChannelName: absolute',
        `    LocalPath: ${outside}`,
        '    DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/paths/abs/" } }',
        '  - ChannelName: linked',
        '    LocalPath: linked',
        '    DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/paths/link/" } }',
        '  - ChannelName: inside',
        '    LocalPath: data',
        '    DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/paths/in/" } }',
      ]);
      const specDir = join(tree.root, 'project');
      const path = join(specDir, 'paths.training.yaml');
      const parsed = await parseSpec(text, path);
      const problems = await checkSpec(parsed, await resources.validator('training'), {
        region: 'us-east-1',
        role: testRole,
        images: await resources.images(),
        specDir,
        workspaceRoot: specDir,
        stat: (candidate) => stat(candidate).then((info) => (info.isDirectory() ? 'directory' : 'file'), () => undefined),
      });
      assert.deepEqual(
        problems.map((problem) => [problem.range.start.line, problem.message]),
        [
          [14, '../.. is outside the workspace folder project: only files inside it can be uploaded.'],
          [17, `${outside} is outside the workspace folder project: only files inside it can be uploaded.`],
          [20, `linked leads through a symbolic link to ${outside}, outside the workspace folder project: only files inside it can be uploaded.`],
        ],
      );

      const bed = await startLaunchTestBed({ clockSpeed: 0 });
      try {
        const error = await launchJob(parsed, await bed.environment('training', path, { workspaceRoot: specDir })).then(
          () => undefined,
          (failure: unknown) => failure,
        );
        assert.ok(error instanceof SpecInvalidError, String(error));
        assert.equal(error.problems.length, 3);
        assert.equal(uploads(bed), 0);
      } finally {
        await bed.dispose();
      }
    } finally {
      await tree.dispose();
      await rm(outside, { recursive: true, force: true });
    }
  });
});
