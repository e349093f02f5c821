import {
  type CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand,
  paginateFilterLogEvents, ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateTrainingJobCommand, DescribeTrainingJobCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { clientsFor, HOUR, MINUTE, putInputData, rejection, ROLE, start, XGB_IMAGE } from './helpers';

const GROUP = '/aws/sagemaker/TrainingJobs';
const BUCKET = 'sagemaker-us-east-1-123456789012';

describe('local service: CloudWatch Logs', () => {
  let emu: Emulator;
  let logs: CloudWatchLogsClient;
  let sm: SageMakerClient;

  beforeEach(async () => {
    emu = await start({ data: 'empty', clockSpeed: 0 });
    ({ logs, sagemaker: sm } = clientsFor(emu));
    await putInputData(emu, [`s3://${BUCKET}/d/train`, `s3://${BUCKET}/d/validation`]);
  });
  afterEach(() => emu.stop());

  async function xgbJob(name: string, instances = 1, numRound = 40): Promise<void> {
    await sm.send(new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: ROLE,
      AlgorithmSpecification: { TrainingImage: XGB_IMAGE, TrainingInputMode: 'File' },
      HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: String(numRound) },
      InputDataConfig: ['train', 'validation'].map((c) => ({ ChannelName: c, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/d/${c}` } } })),
      OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/out` },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: instances, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    }));
  }

  it('opens one stream per host once training starts, and grows it as the job runs', async () => {
    await xgbJob('fraud-1', 2);
    const streams = () => logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, logStreamNamePrefix: 'fraud-1/' }));
    const early = await rejection(streams());
    assert.ok(early instanceof ResourceNotFoundException, 'no log group before any container ran');
    emu.clock.advance(4 * MINUTE);
    const found = (await streams()).logStreams!;
    assert.deepEqual(found.map((s) => s.logStreamName!.replace(/-\d+$/, '')), ['fraud-1/algo-1', 'fraud-1/algo-2']);
    const epoch = Number(found[0]!.logStreamName!.split('-').pop());
    assert.ok(Math.abs(epoch * 1000 - found[0]!.creationTime!) < 1000, 'the stream name carries the container start in epoch seconds');
    const name = found[0]!.logStreamName!;
    const read = (token?: string) => logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: name, startFromHead: true, nextToken: token }));
    const first = await read();
    const count1 = first.events!.length;
    assert.ok(count1 > 0);
    const same = await read(first.nextForwardToken);
    assert.equal(same.events!.length, 0);
    assert.equal(same.nextForwardToken, first.nextForwardToken, 'at the end the same forward token comes back');
    emu.clock.advance(HOUR);
    const more = await read(first.nextForwardToken);
    assert.ok(more.events!.length > 0, 'new lines once the clock moved');
    const all = [...first.events!, ...more.events!].map((e) => e.message!);
    const rounds = all.filter((m) => /^\[\d+\]#011train-auc:[\d.]+#011validation-auc:[\d.]+$/.test(m));
    assert.equal(rounds.length, 40, 'one line per boosting round, in the built-in algorithm format');
    const job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'fraud-1' }));
    const metricRegex = new RegExp(job.AlgorithmSpecification!.MetricDefinitions!.find((d) => d.Name === 'validation:auc')!.Regex!);
    const lastValue = Number(metricRegex.exec(rounds.at(-1)!)![1]);
    const reported = job.FinalMetricDataList!.find((m) => m.MetricName === 'validation:auc')!.Value!;
    assert.ok(Math.abs(lastValue - reported) < 1e-4, `the last logged value ${lastValue} is the final metric ${reported}`);
    const timestamps = all.length ? [...first.events!, ...more.events!].map((e) => e.timestamp!) : [];
    assert.deepEqual(timestamps, [...timestamps].sort((a, b) => a - b));
  });

  it('reads the tail, pages backwards, and honours start and end times', async () => {
    await xgbJob('tail', 1, 200);
    emu.clock.advance(3 * HOUR);
    const [stream] = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, logStreamNamePrefix: 'tail/' }))).logStreams!;
    const name = stream!.logStreamName!;
    const everything = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: name, startFromHead: true }));
    const total = everything.events!.length;
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: name, limit: 10 }));
    assert.deepEqual(tail.events!.map((e) => e.message), everything.events!.slice(-10).map((e) => e.message), 'without startFromHead: the most recent lines');
    const before = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: name, limit: 10, nextToken: tail.nextBackwardToken }));
    assert.deepEqual(before.events!.map((e) => e.message), everything.events!.slice(-20, -10).map((e) => e.message));
    const mid = everything.events![Math.floor(total / 2)]!.timestamp!;
    const windowed = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: name, startFromHead: true, startTime: mid, endTime: mid + 60_000 }));
    assert.ok(windowed.events!.length > 0);
    assert.ok(windowed.events!.every((e) => e.timestamp! >= mid && e.timestamp! < mid + 60_000));
    const badToken = await rejection(logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: name, nextToken: 'garbage' })));
    assert.equal(badToken.name, 'InvalidParameterException');
  });

  it('lists groups and streams with prefixes, ordering and paging', async () => {
    for (const n of ['a-job', 'b-job', 'c-job']) await xgbJob(n);
    emu.clock.advance(10 * MINUTE);
    emu.logs.append('/custom/app', 'worker-1', ['hello']);
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    assert.deepEqual(groups.logGroups!.map((g) => g.logGroupName), ['/aws/sagemaker/TrainingJobs', '/custom/app']);
    assert.equal(groups.logGroups![0]!.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:*');
    const prefixed = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/sagemaker' }));
    assert.equal(prefixed.logGroups!.length, 1);
    const page1 = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, limit: 2 }));
    assert.equal(page1.logStreams!.length, 2);
    const page2 = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, limit: 2, nextToken: page1.nextToken }));
    assert.deepEqual([...page1.logStreams!, ...page2.logStreams!].map((s) => s.logStreamName!.split('/')[0]), ['a-job', 'b-job', 'c-job']);
    assert.equal(page2.nextToken, undefined);
    const descending = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, descending: true }));
    assert.equal(descending.logStreams![0]!.logStreamName!.split('/')[0], 'c-job');
    const byTime = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', descending: true }));
    assert.equal(byTime.logStreams!.length, 3);
    const both = await rejection(logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })));
    assert.equal(both.name, 'InvalidParameterException');
    const noGroup = await rejection(logs.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' })));
    assert.ok(noGroup instanceof ResourceNotFoundException);
    assert.equal(noGroup.message, 'The specified log group does not exist.');
    const noStream = await rejection(logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope' })));
    assert.ok(noStream instanceof ResourceNotFoundException);
    assert.equal(noStream.message, 'The specified log stream does not exist.');
  });

  it('filters events across streams, interleaved by time, with patterns and paging', async () => {
    await xgbJob('multi', 2, 30);
    emu.clock.advance(2 * HOUR);
    const all: { stream: string; t: number; m: string }[] = [];
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 7 }, { logGroupName: GROUP, logStreamNamePrefix: 'multi/' })) {
      for (const e of page.events ?? []) all.push({ stream: e.logStreamName!, t: e.timestamp!, m: e.message! });
    }
    const streams = new Set(all.map((e) => e.stream));
    assert.equal(streams.size, 2);
    assert.deepEqual(all.map((e) => e.t), [...all].map((e) => e.t).sort((a, b) => a - b), 'interleaved in time order');
    let direct = 0;
    for (const s of streams) direct += emu.logs.events(GROUP, s).length;
    assert.equal(all.length, direct, 'every event once');
    const auc = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'validation-auc' }));
    assert.equal(auc.events!.length, 30);
    const excluded = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'INFO -Determined' }));
    assert.ok(excluded.events!.length > 0 && excluded.events!.every((e) => e.message!.includes('INFO') && !e.message!.includes('Determined')));
  });

  it('emits a requested number of lines at a requested rate while the job runs', async () => {
    await xgbJob('bench', 1, 10);
    emu.clock.advance(4 * MINUTE);
    const info = emu.logs.emit({ trainingJobName: 'bench', lines: 5000, ratePerSecond: 100 });
    emu.clock.advance(20_000);
    const partial = emu.logs.events(info.logGroupName, info.logStreamName).filter((e) => e.message.includes('step '));
    assert.equal(partial.length, 2001, 'lines at 0, 10 ms, ... 20 s');
    emu.clock.advance(60_000);
    let count = 0;
    let token: string | undefined;
    for (;;) {
      const page = await logs.send(new GetLogEventsCommand({ logGroupName: info.logGroupName, logStreamName: info.logStreamName, startFromHead: true, nextToken: token }));
      count += page.events!.filter((e) => e.message!.includes('step ')).length;
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    assert.equal(count, 5000);
  });
});
