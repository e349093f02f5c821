import * as S3 from '@aws-sdk/client-s3';
import * as SM from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import { classifyAwsError } from '../../../src/core/aws/errors';
import type { Emulator } from '../../emulator/index';
import { clientsFor, putInputData, rejection, ROLE, start, XGB_IMAGE } from './helpers';

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012';
const BUCKET = 'sagemaker-us-east-1-123456789012';

function trainingJob(name: string, channels: Record<string, string>, mode: 'File' | 'Pipe' | 'FastFile' = 'File'): SM.CreateTrainingJobCommandInput {
  return {
    TrainingJobName: name,
    RoleArn: ROLE,
    AlgorithmSpecification: { TrainingImage: XGB_IMAGE, TrainingInputMode: mode },
    HyperParameters: { objective: 'binary:logistic', num_round: '20' },
    InputDataConfig: Object.entries(channels).map(([ChannelName, S3Uri]) => ({ ChannelName, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri } } })),
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/out` },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  };
}

function tuningJob(name: string, ranges: SM.ParameterRanges, statics: Record<string, string> = {}): SM.CreateHyperParameterTuningJobCommandInput {
  const { TrainingJobName: _, ...definition } = trainingJob('x', { train: `s3://${BUCKET}/data/train` });
  return {
    HyperParameterTuningJobName: name,
    HyperParameterTuningJobConfig: {
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
      ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 },
      ParameterRanges: ranges,
    },
    TrainingJobDefinition: { ...definition, StaticHyperParameters: statics, HyperParameters: undefined } as SM.HyperParameterTrainingJobDefinition,
  };
}

/**
 * Every "not found" answer of the served operations, as AWS sends it (see the table in the local
 * service's README): the split between ValidationException and ResourceNotFound, and the words.
 */
const NOT_FOUND: [string, () => object, string, string][] = [
  ['DescribeTrainingJob', () => new SM.DescribeTrainingJobCommand({ TrainingJobName: 'nope' }), 'ValidationException', 'Requested resource not found.'],
  ['StopTrainingJob', () => new SM.StopTrainingJobCommand({ TrainingJobName: 'nope' }), 'ValidationException', 'Requested resource not found.'],
  ['DescribeProcessingJob', () => new SM.DescribeProcessingJobCommand({ ProcessingJobName: 'nope' }), 'ValidationException', 'Could not find requested job with name nope'],
  ['StopProcessingJob', () => new SM.StopProcessingJobCommand({ ProcessingJobName: 'nope' }), 'ValidationException', 'Could not find requested job with name nope'],
  ['DescribeTransformJob', () => new SM.DescribeTransformJobCommand({ TransformJobName: 'nope' }), 'ValidationException', 'Could not find requested job with name nope'],
  ['StopTransformJob', () => new SM.StopTransformJobCommand({ TransformJobName: 'nope' }), 'ValidationException', 'Could not find requested job with name nope'],
  [
    'DescribeHyperParameterTuningJob',
    () => new SM.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' }),
    'ResourceNotFound',
    "Amazon SageMaker can't find a tuning job called nope. Type another name.",
  ],
  [
    'ListTrainingJobsForHyperParameterTuningJob',
    () => new SM.ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' }),
    'ResourceNotFound',
    "Amazon SageMaker can't find a tuning job called nope. Type another name.",
  ],
  ['DescribeModel', () => new SM.DescribeModelCommand({ ModelName: 'nope' }), 'ValidationException', `Could not find model "${ARN}:model/nope".`],
  ['DeleteModel', () => new SM.DeleteModelCommand({ ModelName: 'nope' }), 'ValidationException', `Could not find model "${ARN}:model/nope".`],
  [
    'DescribeEndpointConfig',
    () => new SM.DescribeEndpointConfigCommand({ EndpointConfigName: 'nope' }),
    'ValidationException',
    `Could not find endpoint configuration "${ARN}:endpoint-config/nope".`,
  ],
  ['DescribeEndpoint', () => new SM.DescribeEndpointCommand({ EndpointName: 'nope' }), 'ValidationException', `Could not find endpoint "${ARN}:endpoint/nope".`],
  ['DeleteEndpoint', () => new SM.DeleteEndpointCommand({ EndpointName: 'nope' }), 'ValidationException', `Could not find endpoint "${ARN}:endpoint/nope".`],
  ['DescribeNotebookInstance', () => new SM.DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nope' }), 'ValidationException', 'RecordNotFound'],
  ['StopNotebookInstance', () => new SM.StopNotebookInstanceCommand({ NotebookInstanceName: 'nope' }), 'ValidationException', 'RecordNotFound'],
  [
    'DescribeNotebookInstanceLifecycleConfig',
    () => new SM.DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'nope' }),
    'ValidationException',
    "Unable to describe Notebook Instance Lifecycle Config 'nope'. (Details: Notebook Instance Lifecycle Config does not exist.)",
  ],
  ['DescribeDomain', () => new SM.DescribeDomainCommand({ DomainId: 'd-nope' }), 'ResourceNotFound', 'Cannot find Domain with id d-nope.'],
  [
    'DescribeApp',
    () => new SM.DescribeAppCommand({ DomainId: 'd-nope', UserProfileName: 'ana', AppType: 'JupyterServer', AppName: 'default' }),
    'ResourceNotFound',
    'App with name [default] of type [JupyterServer] does not exist.',
  ],
  ['ListTags', () => new SM.ListTagsCommand({ ResourceArn: `${ARN}:training-job/nope` }), 'ValidationException', `Resource ${ARN}:training-job/nope not found.`],
];

describe('local service: as strict as AWS', () => {
  let emu: Emulator;
  let sm: SM.SageMakerClient;

  beforeEach(async () => {
    emu = await start({ data: 'empty', clockSpeed: 0 });
    sm = clientsFor(emu).sagemaker;
  });
  afterEach(() => emu.stop());

  it("answers a missing resource of each kind as AWS does, and the extension reads each answer as 'not found'", async () => {
    for (const [operation, command, code, message] of NOT_FOUND) {
      const error = await rejection(sm.send(command() as SM.DescribeTrainingJobCommand));
      assert.equal(error.name, code, `${operation}: error code`);
      assert.equal(error.message, message, `${operation}: message`);
      assert.equal(classifyAwsError(error).kind, 'notFound', `${operation}: the extension's classification`);
    }
  });

  it('refuses at create time a File-mode training job, or a transform job, whose S3 prefix holds no objects', async () => {
    const empty = `s3://${BUCKET}/fraud/empty/`;
    const refused = await rejection(sm.send(new SM.CreateTrainingJobCommand(trainingJob('no-data', { train: empty }))));
    assert.equal(refused.name, 'ValidationException');
    assert.equal(
      refused.message,
      `No S3 objects found under S3 URL "${empty}" given in input data source. Please ensure that the bucket exists in the selected region (us-east-1), that objects exist under that S3 prefix, and that the role "${ROLE}" has "s3:ListBucket" permissions on bucket "${BUCKET}".`,
    );
    assert.equal(emu.state.get('trainingJob', 'us-east-1', 'no-data'), undefined, 'nothing was created');
    const noBucket = await rejection(sm.send(new SM.CreateTrainingJobCommand(trainingJob('no-bucket', { train: 's3://no-such-bucket-here/train' }))));
    assert.match(noBucket.message, /^No S3 objects found under S3 URL "s3:\/\/no-such-bucket-here\/train"/);
    // A prefix matches keys, not folders: "fraud/tr" finds "fraud/train/data.csv".
    await putInputData(emu, [`s3://${BUCKET}/fraud/train`]);
    await sm.send(new SM.CreateTrainingJobCommand(trainingJob('with-data', { train: `s3://${BUCKET}/fraud/tr` })));
    // Pipe mode streams at run time: not checked at create.
    await sm.send(new SM.CreateTrainingJobCommand(trainingJob('piped', { train: empty }, 'Pipe')));

    await sm.send(new SM.CreateModelCommand({ ModelName: 'm', ExecutionRoleArn: ROLE, PrimaryContainer: { Image: XGB_IMAGE } }));
    const transform = await rejection(
      sm.send(
        new SM.CreateTransformJobCommand({
          TransformJobName: 'no-input',
          ModelName: 'm',
          TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: empty } } },
          TransformOutput: { S3OutputPath: `s3://${BUCKET}/scored` },
          TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
        }),
      ),
    );
    assert.match(transform.message, /^No S3 objects found under S3 URL /);
  });

  it('refuses tuning ranges that AWS refuses: MinValue above MaxValue, non-numbers, impossible scaling, a name tuned twice or also static', async () => {
    await putInputData(emu, [`s3://${BUCKET}/data/train`]);
    const cases: [SM.ParameterRanges, Record<string, string>, RegExp][] = [
      [{ ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.5', MaxValue: '0.1' }] }, {}, /MinValue \(0\.5\) of hyperparameter eta must be less than or equal to its MaxValue \(0\.1\)/],
      [{ IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '9', MaxValue: '3' }] }, {}, /MinValue \(9\) of hyperparameter max_depth/],
      [{ IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '2.5', MaxValue: '3' }] }, {}, /MinValue '2\.5' of hyperparameter max_depth is not an integer/],
      [{ ContinuousParameterRanges: [{ Name: 'eta', MinValue: 'low', MaxValue: '0.1' }] }, {}, /is not a number/],
      [{ ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0', MaxValue: '0.1', ScalingType: 'Logarithmic' }] }, {}, /Logarithmic scaling of hyperparameter eta/],
      [{ ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.1', MaxValue: '1', ScalingType: 'ReverseLogarithmic' }] }, {}, /ReverseLogarithmic scaling/],
      [{ ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.1', MaxValue: '0.3' }], CategoricalParameterRanges: [{ Name: 'eta', Values: ['0.2'] }] }, {}, /eta appears in more than one/],
      [{ ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.1', MaxValue: '0.3' }] }, { eta: '0.2' }, /eta cannot be both tuned and static/],
    ];
    for (const [i, [ranges, statics, message]] of cases.entries()) {
      const error = await rejection(sm.send(new SM.CreateHyperParameterTuningJobCommand(tuningJob(`bad-${i}`, ranges, statics))));
      assert.equal(error.name, 'ValidationException', `case ${i}`);
      assert.match(error.message, message, `case ${i}`);
    }
    assert.equal(emu.state.list('hyperParameterTuningJob', 'us-east-1').length, 0, 'none was created');
    await sm.send(new SM.CreateHyperParameterTuningJobCommand(tuningJob('good', { ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.1', MaxValue: '0.1' }] })));
  });

  it('honours x-amz-expected-bucket-owner on every bucket and object operation: 403 AccessDenied when another account owns the bucket', async () => {
    const other = { accessKeyId: 'AKIDLOCALOTHERACCT01', secretAccessKey: 'other/account/secret/key/for/tests' };
    emu.accounts.register({ ...other, accountId: '999999999999' });
    const mine = clientsFor(emu).s3;
    const theirs = clientsFor(emu, { credentials: other }).s3;
    // Another account creates a bucket in the shared namespace; the default account cannot take the name.
    await theirs.send(new S3.CreateBucketCommand({ Bucket: 'shared-name-taken' }));
    assert.equal((await rejection(mine.send(new S3.CreateBucketCommand({ Bucket: 'shared-name-taken' })))).name, 'BucketAlreadyExists');
    await theirs.send(new S3.PutObjectCommand({ Bucket: 'shared-name-taken', Key: 'k', Body: 'x' }));
    await mine.send(new S3.PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'x' }));
    const me = '123456789012';
    const calls: [string, (owner: string, bucket: string) => Promise<unknown>][] = [
      ['HeadBucket', (o, b) => mine.send(new S3.HeadBucketCommand({ Bucket: b, ExpectedBucketOwner: o }))],
      ['ListObjectsV2', (o, b) => mine.send(new S3.ListObjectsV2Command({ Bucket: b, ExpectedBucketOwner: o }))],
      ['PutObject', (o, b) => mine.send(new S3.PutObjectCommand({ Bucket: b, Key: 'code/sourcedir.tar.gz', Body: 'x', ExpectedBucketOwner: o }))],
      ['GetObject', (o, b) => mine.send(new S3.GetObjectCommand({ Bucket: b, Key: 'k', ExpectedBucketOwner: o })).then((r) => r.Body?.transformToString())],
      ['HeadObject', (o, b) => mine.send(new S3.HeadObjectCommand({ Bucket: b, Key: 'k', ExpectedBucketOwner: o }))],
      ['CreateMultipartUpload', (o, b) => mine.send(new S3.CreateMultipartUploadCommand({ Bucket: b, Key: 'big', ExpectedBucketOwner: o }))],
      ['ListMultipartUploads', (o, b) => mine.send(new S3.ListMultipartUploadsCommand({ Bucket: b, ExpectedBucketOwner: o }))],
      ['CopyObject (target)', (o, b) => mine.send(new S3.CopyObjectCommand({ Bucket: b, Key: 'copy', CopySource: `${BUCKET}/k`, ExpectedBucketOwner: o }))],
      ['CopyObject (source)', (o, b) => mine.send(new S3.CopyObjectCommand({ Bucket: BUCKET, Key: 'copy', CopySource: `${b}/k`, ExpectedSourceBucketOwner: o }))],
      ['DeleteObjects', (o, b) => mine.send(new S3.DeleteObjectsCommand({ Bucket: b, Delete: { Objects: [{ Key: 'nothing' }] }, ExpectedBucketOwner: o }))],
      ['DeleteObject', (o, b) => mine.send(new S3.DeleteObjectCommand({ Bucket: b, Key: 'nothing', ExpectedBucketOwner: o }))],
    ];
    for (const [name, call] of calls) {
      const denied = await rejection(call(me, 'shared-name-taken'));
      if (!name.startsWith('Head')) assert.equal(denied.name, 'AccessDenied', name); // a HEAD answer has no body to name it
      assert.equal(denied.$metadata?.httpStatusCode, 403, name);
      await call(me, BUCKET); // the owner matches: served
    }
    // Without the header, the other account's bucket is used (as its policy could allow): the header is the guard.
    await mine.send(new S3.PutObjectCommand({ Bucket: 'shared-name-taken', Key: 'oops', Body: 'x' }));
    // Tests can hand the default bucket's name to another account.
    emu.state.putBucket(BUCKET, { accountId: '999999999999' });
    assert.equal((await rejection(mine.send(new S3.HeadBucketCommand({ Bucket: BUCKET, ExpectedBucketOwner: me })))).$metadata?.httpStatusCode, 403);
  });
});
