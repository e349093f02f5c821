import { DescribeTrainingJobCommand, ListAppsCommand, ListDomainsCommand } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import { EmulatorControl } from '../../emulator/control';
import type { Emulator } from '../../emulator/index';
import { clientsFor, HOUR, rejection, ROLE, start, XGB_IMAGE } from './helpers';

describe('local service: HTTP control API and its client', () => {
  let emu: Emulator;
  let control: EmulatorControl;

  beforeEach(async () => {
    emu = await start({ data: 'demo', clockSpeed: 0 });
    control = new EmulatorControl(emu.url);
  });
  afterEach(() => emu.stop());

  it('describes the service and moves its clock', async () => {
    const info = await control.info();
    assert.deepEqual([info.url, info.accountId, info.accessKeyId, info.regions], [emu.url, '123456789012', emu.credentials.accessKeyId, ['us-east-1', 'eu-west-1']]);
    const before = await control.clock.now();
    const after = await control.clock.advance(HOUR);
    assert.equal(after.getTime() - before.getTime(), HOUR);
    assert.equal(emu.clock.now().getTime(), after.getTime());
    await control.clock.setSpeed(60);
    assert.equal(emu.clock.speed, 60);
    assert.ok(await control.health());
  });

  it('reads the request log with filters and waits for a request', async () => {
    const sm = clientsFor(emu).sagemaker;
    await control.requests.clear();
    const waiting = control.requests.waitFor({ operation: 'ListApps' }, 5000);
    await sm.send(new ListDomainsCommand({}));
    await sm.send(new ListAppsCommand({ UserProfileNameEquals: 'ana' }));
    const seen = await waiting;
    assert.deepEqual([seen.service, seen.operation, seen.region, seen.status, seen.accountId], ['sagemaker', 'ListApps', 'us-east-1', 200, '123456789012']);
    assert.deepEqual(seen.input, { UserProfileNameEquals: 'ana' });
    assert.equal((await control.requests.list({ operation: 'ListDomains' })).length, 1);
    assert.equal((await control.requests.list({ service: 'sagemaker' })).length, 2);
    await assert.rejects(control.requests.waitFor({ operation: 'DeleteApp' }, 100), /408|within/);
  });

  it('sets faults and access rules over HTTP', async () => {
    const sm = clientsFor(emu).sagemaker;
    await control.faults.set({ operation: 'ListDomains', throttleRate: 1, count: 1 });
    assert.equal((await control.faults.list()).length, 1);
    assert.equal((await rejection(sm.send(new ListDomainsCommand({})))).name, 'ThrottlingException');
    await sm.send(new ListDomainsCommand({}));
    await control.access.deny({ operation: 'ListApps', match: { SpaceNameEquals: 'chen-gpu-lab' } });
    assert.equal((await rejection(sm.send(new ListAppsCommand({ SpaceNameEquals: 'chen-gpu-lab' })))).name, 'AccessDeniedException');
    await control.access.disableRegion('eu-west-1');
    assert.equal((await rejection(clientsFor(emu, { region: 'eu-west-1' }).sagemaker.send(new ListDomainsCommand({})))).name, 'UnrecognizedClientException');
    await control.access.clear();
    await sm.send(new ListAppsCommand({ SpaceNameEquals: 'chen-gpu-lab' }));
  });

  it('reads and puts state, decides training outcomes, appends and emits logs, and resets', async () => {
    const counts = await control.state.counts('us-east-1');
    assert.equal(counts.endpoint, 5);
    const apps = (await control.state.list('app', 'us-east-1')) as { ResourceSpec?: { InstanceType?: string }; Status: string }[];
    assert.ok(apps.some((a) => a.ResourceSpec?.InstanceType === 'ml.g5.12xlarge' && a.Status === 'InService'));
    const endpoint = (await control.state.get('endpoint', 'us-east-1', 'llm-summarizer-g5')) as { EndpointStatus: string };
    assert.equal(endpoint.EndpointStatus, 'InService');
    assert.equal(await control.state.get('endpoint', 'us-east-1', 'nope'), undefined);
    const arn = await control.state.put('trainingJob', 'us-east-1', {
      TrainingJobName: 'put-by-http', RoleArn: ROLE, AlgorithmSpecification: { TrainingImage: XGB_IMAGE, TrainingInputMode: 'File' },
      OutputDataConfig: { S3OutputPath: 's3://sagemaker-us-east-1-123456789012/out' }, ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    });
    assert.equal(arn, 'arn:aws:sagemaker:us-east-1:123456789012:training-job/put-by-http');
    await control.state.setTrainingJobOutcome('us-east-1', 'put-by-http', { status: 'Failed', failureReason: 'ClientError: bad data' });
    await control.clock.advance(2 * HOUR);
    const job = await clientsFor(emu).sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'put-by-http' }));
    assert.deepEqual([job.TrainingJobStatus, job.FailureReason], ['Failed', 'ClientError: bad data']);
    await control.logs.append('/custom/group', 'stream-1', ['first', 'second'], { region: 'eu-west-1' });
    assert.deepEqual((await control.logs.events('/custom/group', 'stream-1', { region: 'eu-west-1' })).map((e) => e.message), ['first', 'second']);
    const running = (await control.state.list('trainingJob', 'us-east-1')) as { TrainingJobName: string; TrainingJobStatus: string; SecondaryStatus: string }[];
    const training = running.find((j) => j.TrainingJobStatus === 'InProgress' && j.SecondaryStatus === 'Training');
    if (training) {
      const emitted = await control.logs.emit({ trainingJobName: training.TrainingJobName, lines: 100, ratePerSecond: 10 });
      assert.match(emitted.logStreamName, new RegExp(`^${training.TrainingJobName}/algo-1-\\d+$`));
    }
    const reset = await control.reset({ data: 'empty' });
    assert.deepEqual(reset, { regions: ['us-east-1'], data: 'empty' });
    assert.equal((await control.state.counts('us-east-1')).trainingJob, 0);
    assert.equal((await control.requests.list()).length, 0);
  });

  it('never routes /_emulator/ paths to AWS handlers', async () => {
    const res = await fetch(`${emu.url}/_emulator/nothing-here`, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListDomains' } });
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { error: string }).error, /No control route/);
  });
});
