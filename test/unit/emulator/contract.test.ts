import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Emulator } from '../../emulator/index';
import { start } from './helpers';

const run = promisify(execFile);

/** Fails with a clear message (never skips) when an independent client is missing. */
function requireTool(command: string, args: string[], what: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`${what} is needed for the contract tests but '${command} ${args.join(' ')}' failed: ${probe.error?.message ?? probe.stderr}. Install it (AWS CLI v1: pip install awscli; boto3: pip install boto3).`);
  }
}

const BOTO3_SCRIPT = `
import json, sys, boto3
url, key, secret = sys.argv[1:4]
kw = dict(endpoint_url=url, region_name='us-east-1', aws_access_key_id=key, aws_secret_access_key=secret)
sm = boto3.client('sagemaker', **kw)
out = {}
pages = sm.get_paginator('list_training_jobs').paginate(PaginationConfig={'PageSize': 50})
out['training_jobs'] = sum(len(p['TrainingJobSummaries']) for p in pages)
job = sm.list_training_jobs(StatusEquals='Completed', MaxResults=100)['TrainingJobSummaries'][0]['TrainingJobName']
d = sm.describe_training_job(TrainingJobName=job)
out['job'] = [job, d['TrainingJobStatus'], d['CreationTime'].isoformat(), d['TrainingTimeInSeconds']]
out['apps'] = sorted(a['Status'] for a in sm.get_paginator('list_apps').paginate().build_full_result()['Apps'])
e = sm.describe_endpoint(EndpointName='fraud-detection-prod')
out['endpoint'] = [e['EndpointStatus'], e['ProductionVariants'][0]['CurrentInstanceCount']]
rt = boto3.client('sagemaker-runtime', **kw)
out['scores'] = rt.invoke_endpoint(EndpointName='fraud-detection-prod', ContentType='text/csv', Body=b'1,2\\n3,4\\n')['Body'].read().decode().split('\\n')
logs = boto3.client('logs', **kw)
stream = logs.describe_log_streams(logGroupName='/aws/sagemaker/TrainingJobs', logStreamNamePrefix=job + '/')['logStreams'][0]['logStreamName']
out['log_lines'] = len(logs.get_log_events(logGroupName='/aws/sagemaker/TrainingJobs', logStreamName=stream, startFromHead=True)['events'])
out['caller'] = boto3.client('sts', **kw).get_caller_identity()['Account']
s3 = boto3.client('s3', **kw)
s3.put_object(Bucket='sagemaker-us-east-1-123456789012', Key='boto3/hello.txt', Body=b'hello from boto3')
out['s3'] = s3.get_object(Bucket='sagemaker-us-east-1-123456789012', Key='boto3/hello.txt')['Body'].read().decode()
try:
    sm.describe_training_job(TrainingJobName='does-not-exist')
except sm.exceptions.ClientError as err:
    out['missing'] = err.response['Error']['Code']
# botocore's waiter treats a ValidationException as the end: a missing job fails it at once.
try:
    sm.get_waiter('training_job_completed_or_stopped').wait(TrainingJobName='does-not-exist', WaiterConfig={'Delay': 1, 'MaxAttempts': 3})
except Exception as err:
    out['waiter'] = str(err)
price = json.loads(boto3.client('pricing', **kw).get_products(ServiceCode='AmazonSageMaker', Filters=[{'Type': 'TERM_MATCH', 'Field': 'instanceName', 'Value': 'ml.m5.xlarge'}, {'Type': 'TERM_MATCH', 'Field': 'regionCode', 'Value': 'us-east-1'}, {'Type': 'TERM_MATCH', 'Field': 'component', 'Value': 'Training'}])['PriceList'][0])
out['price_unit'] = list(list(price['terms']['OnDemand'].values())[0]['priceDimensions'].values())[0]['unit']
print(json.dumps(out))
`;

describe('local service: contract with the AWS CLI and boto3', () => {
  let emu: Emulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    this.timeout(30_000);
    requireTool('aws', ['--version'], 'The AWS CLI');
    requireTool('python3', ['-c', 'import boto3'], 'Python 3 with boto3');
    emu = await start({ data: 'demo', clockSpeed: 0 });
    dir = mkdtempSync(join(tmpdir(), 'local-contract-'));
    env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: emu.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emu.credentials.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PAGER: '',
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
  });
  after(async () => {
    await emu?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const aws = async (...args: string[]): Promise<unknown> => {
    const { stdout } = await run('aws', ['--endpoint-url', emu.url, '--output', 'json', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  };

  it('answers the AWS CLI for SageMaker, Logs, STS and S3 (including a multipart copy)', async function () {
    this.timeout(60_000);
    const completed = (emu.state.list('trainingJob', 'us-east-1') as { TrainingJobName: string; TrainingJobStatus: string; TrainingTimeInSeconds?: number }[]).find((j) => j.TrainingJobStatus === 'Completed')!;
    const stream = emu.state.region('us-east-1').logs.groups.get('/aws/sagemaker/TrainingJobs')!.names().find((n) => n.startsWith(`${completed.TrainingJobName}/`))!;
    const big = join(dir, 'big.bin');
    writeFileSync(big, randomBytes(9 * 1024 * 1024 + 5));
    const [list, described, events, caller] = await Promise.all([
      aws('sagemaker', 'list-training-jobs', '--max-items', '5'),
      aws('sagemaker', 'describe-training-job', '--training-job-name', completed.TrainingJobName),
      aws('logs', 'get-log-events', '--log-group-name', '/aws/sagemaker/TrainingJobs', '--log-stream-name', stream, '--limit', '5', '--start-from-head'),
      aws('sts', 'get-caller-identity'),
      aws('s3', 'cp', '--only-show-errors', big, 's3://sagemaker-us-east-1-123456789012/cli/big.bin'),
    ]) as [
      { TrainingJobSummaries: { TrainingJobName: string }[]; NextToken?: string },
      { TrainingJobStatus: string; TrainingTimeInSeconds: number; CreationTime: number },
      { events: { message: string }[] },
      { Account: string; Arn: string },
      unknown,
    ];
    assert.equal(list.TrainingJobSummaries.length, 5);
    assert.ok(list.NextToken, 'the CLI pages on');
    assert.equal(described.TrainingJobStatus, 'Completed');
    assert.equal(described.TrainingTimeInSeconds, completed.TrainingTimeInSeconds);
    assert.equal(typeof described.CreationTime, 'number', 'epoch seconds on the wire');
    assert.equal(events.events.length, 5);
    assert.deepEqual([caller.Account, caller.Arn], ['123456789012', 'arn:aws:sts::123456789012:assumed-role/DataScientist/ana']);
    const back = join(dir, 'back.bin');
    await aws('s3', 'cp', '--only-show-errors', 's3://sagemaker-us-east-1-123456789012/cli/big.bin', back);
    const md5 = (f: string): string => createHash('md5').update(readFileSync(f)).digest('hex');
    assert.equal(md5(back), md5(big));
  });

  it('answers boto3 for SageMaker, Runtime, Logs, STS, S3 and Pricing', async function () {
    this.timeout(60_000);
    const script = join(dir, 'check.py');
    writeFileSync(script, BOTO3_SCRIPT);
    const { stdout } = await run('python3', [script, emu.url, emu.credentials.accessKeyId, emu.credentials.secretAccessKey], { env });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(out.training_jobs, emu.state.counts('us-east-1').trainingJob);
    const [job, status, created, seconds] = out.job as [string, string, string, number];
    const expected = emu.state.get('trainingJob', 'us-east-1', job) as { TrainingJobStatus: string; CreationTime: number; TrainingTimeInSeconds: number };
    assert.equal(status, expected.TrainingJobStatus);
    assert.equal(new Date(created).getTime(), expected.CreationTime * 1000);
    assert.equal(seconds, expected.TrainingTimeInSeconds);
    assert.equal((out.apps as string[]).length, (emu.state.list('app', 'us-east-1')).length);
    assert.deepEqual(out.endpoint, ['InService', 2]);
    assert.equal((out.scores as string[]).length, 2);
    assert.ok((out.log_lines as number) > 10);
    assert.equal(out.caller, '123456789012');
    assert.equal(out.s3, 'hello from boto3');
    assert.equal(out.missing, 'ValidationException');
    assert.match(String(out.waiter), /terminal failure state/);
    assert.equal(out.price_unit, 'Hrs');
  });
});
