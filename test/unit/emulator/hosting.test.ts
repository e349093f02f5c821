import {
  AddTagsCommand, CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, CreateNotebookInstanceCommand,
  CreateNotebookInstanceLifecycleConfigCommand, CreatePresignedNotebookInstanceUrlCommand, DeleteEndpointCommand, DeleteNotebookInstanceCommand,
  DeleteTagsCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand, ListEndpointsCommand, ListModelsCommand, ListNotebookInstancesCommand, ListTagsCommand,
  type SageMakerClient, StartNotebookInstanceCommand, StopNotebookInstanceCommand, UpdateEndpointCommand, UpdateNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, ModelError, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { clientsFor, MINUTE, rejection, ROLE, start, XGB_IMAGE } from './helpers';

const BUCKET = 'sagemaker-us-east-1-123456789012';

describe('local service: models, endpoints, runtime, tags and notebook instances', () => {
  let emu: Emulator;
  let sm: SageMakerClient;
  let runtime: SageMakerRuntimeClient;

  beforeEach(async () => {
    emu = await start({ data: 'empty', clockSpeed: 0 });
    ({ sagemaker: sm, runtime } = clientsFor(emu));
  });
  afterEach(() => emu.stop());

  async function modelAndConfig(model: string, config: string, variant: Record<string, unknown> = { InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2 }): Promise<void> {
    await sm.send(new CreateModelCommand({ ModelName: model, PrimaryContainer: { Image: XGB_IMAGE, ModelDataUrl: `s3://${BUCKET}/${model}/model.tar.gz` }, ExecutionRoleArn: ROLE }));
    await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: config, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: model, ...variant }] }));
  }

  it('creates an endpoint, serves invocations once InService, updates and deletes it', async () => {
    await modelAndConfig('fraud-v1', 'fraud-config-v1');
    const { EndpointArn } = await sm.send(new CreateEndpointCommand({ EndpointName: 'fraud-prod', EndpointConfigName: 'fraud-config-v1', Tags: [{ Key: 'team', Value: 'risk' }] }));
    assert.equal(EndpointArn, 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-prod');
    const describe = () => sm.send(new DescribeEndpointCommand({ EndpointName: 'fraud-prod' }));
    const creating = await describe();
    assert.equal(creating.EndpointStatus, 'Creating');
    assert.equal(creating.ProductionVariants?.[0]?.DesiredInstanceCount, 2);
    assert.equal(creating.ProductionVariants?.[0]?.CurrentInstanceCount, undefined);
    const notYet = await rejection(runtime.send(new InvokeEndpointCommand({ EndpointName: 'fraud-prod', ContentType: 'text/csv', Body: Buffer.from('1,2,3') })));
    assert.equal(notYet.name, 'ValidationError');
    assert.equal(notYet.message, 'Endpoint fraud-prod of account 123456789012 not found.');

    emu.clock.advance(10 * MINUTE);
    const live = await describe();
    assert.equal(live.EndpointStatus, 'InService');
    assert.equal(live.ProductionVariants?.[0]?.CurrentInstanceCount, 2);
    assert.equal(live.ProductionVariants?.[0]?.DeployedImages?.[0]?.SpecifiedImage, XGB_IMAGE);
    assert.match(live.ProductionVariants[0].DeployedImages[0].ResolvedImage!, /@sha256:[0-9a-f]{64}$/);

    const csv = await runtime.send(new InvokeEndpointCommand({ EndpointName: 'fraud-prod', ContentType: 'text/csv', Body: Buffer.from('1,2,3\n4,5,6\n7,8,9\n') }));
    const scores = Buffer.from(csv.Body).toString('utf8').split('\n').map(Number);
    assert.equal(scores.length, 3, 'one score per CSV row');
    assert.ok(scores.every((s) => s >= 0 && s <= 1));
    assert.equal(csv.InvokedProductionVariant, 'AllTraffic');
    const json = await runtime.send(new InvokeEndpointCommand({ EndpointName: 'fraud-prod', ContentType: 'application/json', Body: Buffer.from(JSON.stringify({ instances: [[1, 2], [3, 4]] })) }));
    const parsed = JSON.parse(Buffer.from(json.Body).toString('utf8')) as { predictions: number[] };
    assert.equal(parsed.predictions.length, 2);
    const unsupported = await rejection(runtime.send(new InvokeEndpointCommand({ EndpointName: 'fraud-prod', ContentType: 'image/png', Body: Buffer.from('x') })));
    assert.ok(unsupported instanceof ModelError);

    await modelAndConfig('fraud-v2', 'fraud-config-v2', { InstanceType: 'ml.m5.2xlarge', InitialInstanceCount: 1 });
    await sm.send(new UpdateEndpointCommand({ EndpointName: 'fraud-prod', EndpointConfigName: 'fraud-config-v2' }));
    const updating = await describe();
    assert.equal(updating.EndpointStatus, 'Updating');
    assert.equal(updating.EndpointConfigName, 'fraud-config-v1', 'the old config serves until the update finishes');
    assert.equal(updating.PendingDeploymentSummary?.EndpointConfigName, 'fraud-config-v2');
    const again = await rejection(sm.send(new UpdateEndpointCommand({ EndpointName: 'fraud-prod', EndpointConfigName: 'fraud-config-v2' })));
    assert.equal(again.name, 'ValidationException');
    assert.match(again.message, /Cannot update in-progress endpoint/);
    await runtime.send(new InvokeEndpointCommand({ EndpointName: 'fraud-prod', ContentType: 'text/csv', Body: Buffer.from('1') }));
    emu.clock.advance(10 * MINUTE);
    const updated = await describe();
    assert.equal(updated.EndpointStatus, 'InService');
    assert.equal(updated.EndpointConfigName, 'fraud-config-v2');
    assert.equal(updated.ProductionVariants?.[0]?.CurrentInstanceCount, 1);
    assert.equal(updated.PendingDeploymentSummary, undefined);

    await sm.send(new DeleteEndpointCommand({ EndpointName: 'fraud-prod' }));
    assert.equal((await describe()).EndpointStatus, 'Deleting');
    emu.clock.advance(3 * MINUTE);
    const gone = await rejection(describe());
    assert.equal(gone.name, 'ValidationException');
    assert.equal(gone.message, 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-prod".');
    assert.deepEqual((await sm.send(new ListEndpointsCommand({}))).Endpoints, []);
  });

  it('reports serverless endpoints with their memory and concurrency', async () => {
    await modelAndConfig('churn', 'churn-serverless', { ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } });
    await sm.send(new CreateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'churn-serverless' }));
    emu.clock.advance(5 * MINUTE);
    const e = await sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
    assert.equal(e.EndpointStatus, 'InService');
    assert.deepEqual(e.ProductionVariants?.[0]?.CurrentServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 5 });
    assert.equal(e.ProductionVariants?.[0]?.CurrentInstanceCount, undefined);
    const config = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'churn-serverless' }));
    assert.equal(config.ProductionVariants?.[0]?.ServerlessConfig?.MemorySizeInMB, 2048);
  });

  it('answers the hosting errors as the service does', async () => {
    const noModel = await rejection(sm.send(new DescribeModelCommand({ ModelName: 'ghost' })));
    assert.equal(noModel.name, 'ValidationException');
    assert.equal(noModel.message, 'Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/ghost".');
    await modelAndConfig('m', 'c');
    const dupModel = await rejection(sm.send(new CreateModelCommand({ ModelName: 'm', PrimaryContainer: { Image: XGB_IMAGE }, ExecutionRoleArn: ROLE })));
    assert.match(dupModel.message, /^Cannot create already existing model/);
    const configWithoutModel = await rejection(sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'c2', ProductionVariants: [{ VariantName: 'v', ModelName: 'ghost', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] })));
    assert.match(configWithoutModel.message, /^Could not find model/);
    const noConfig = await rejection(sm.send(new CreateEndpointCommand({ EndpointName: 'e', EndpointConfigName: 'ghost' })));
    assert.match(noConfig.message, /^Could not find endpoint configuration/);
    const listed = await sm.send(new ListModelsCommand({ NameContains: 'M' }));
    assert.deepEqual(listed.Models?.map((x) => x.ModelName), ['m']);
  });

  it('adds, lists and deletes tags by ARN, including tags given at creation', async () => {
    await modelAndConfig('tagged', 'tagged-config');
    const { EndpointArn } = await sm.send(new CreateEndpointCommand({ EndpointName: 'tagged', EndpointConfigName: 'tagged-config', Tags: [{ Key: 'team', Value: 'risk' }] }));
    await sm.send(new AddTagsCommand({ ResourceArn: EndpointArn, Tags: [{ Key: 'cost-center', Value: 'cc-1' }, { Key: 'team', Value: 'fraud' }] }));
    const tags = await sm.send(new ListTagsCommand({ ResourceArn: EndpointArn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'fraud' }, { Key: 'cost-center', Value: 'cc-1' }]);
    await sm.send(new DeleteTagsCommand({ ResourceArn: EndpointArn, TagKeys: ['team'] }));
    assert.deepEqual((await sm.send(new ListTagsCommand({ ResourceArn: EndpointArn }))).Tags, [{ Key: 'cost-center', Value: 'cc-1' }]);
    const missing = await rejection(sm.send(new ListTagsCommand({ ResourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost' })));
    assert.equal(missing.name, 'ValidationException');
  });

  it('runs notebook instances through their states and refuses illegal transitions', async () => {
    await sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'autostop', OnStart: [{ Content: Buffer.from('#!/bin/bash\necho hi\n').toString('base64') }] }));
    const lc = await sm.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'autostop' }));
    assert.equal(Buffer.from(lc.OnStart![0]!.Content!, 'base64').toString('utf8'), '#!/bin/bash\necho hi\n');
    const { NotebookInstanceArn } = await sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'analysis', InstanceType: 'ml.t3.xlarge', RoleArn: ROLE, LifecycleConfigName: 'autostop' }));
    assert.equal(NotebookInstanceArn, 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/analysis');
    const status = async (): Promise<string | undefined> => (await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'analysis' }))).NotebookInstanceStatus;
    assert.equal(await status(), 'Pending');
    const deleteRunning = await rejection(sm.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: 'analysis' })));
    assert.equal(deleteRunning.name, 'ValidationException');
    assert.equal(deleteRunning.message, `Status (Pending) not in ([Stopped, Failed]). Unable to transition to (Deleting) for Notebook Instance (${NotebookInstanceArn}).`);
    emu.clock.advance(6 * MINUTE);
    assert.equal(await status(), 'InService');
    const url = await sm.send(new CreatePresignedNotebookInstanceUrlCommand({ NotebookInstanceName: 'analysis' }));
    assert.match(url.AuthorizedUrl!, /^https:\/\/analysis\.notebook\.us-east-1\.sagemaker\.aws\?authToken=/);
    const update = await rejection(sm.send(new UpdateNotebookInstanceCommand({ NotebookInstanceName: 'analysis', InstanceType: 'ml.m5.xlarge' })));
    assert.match(update.message, /^Status \(InService\) not in \(\[Stopped, Failed\]\)/);
    await sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'analysis' }));
    assert.equal(await status(), 'Stopping');
    emu.clock.advance(2 * MINUTE);
    assert.equal(await status(), 'Stopped');
    const stopAgain = await rejection(sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'analysis' })));
    assert.match(stopAgain.message, /^Status \(Stopped\) not in \(\[InService\]\)/);
    await sm.send(new UpdateNotebookInstanceCommand({ NotebookInstanceName: 'analysis', InstanceType: 'ml.m5.xlarge', DisassociateLifecycleConfig: true }));
    assert.equal(await status(), 'Updating');
    emu.clock.advance(2 * MINUTE);
    const updated = await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'analysis' }));
    assert.deepEqual([updated.NotebookInstanceStatus, updated.InstanceType, updated.NotebookInstanceLifecycleConfigName], ['Stopped', 'ml.m5.xlarge', undefined]);
    await sm.send(new StartNotebookInstanceCommand({ NotebookInstanceName: 'analysis' }));
    assert.equal(await status(), 'Pending');
    emu.clock.advance(5 * MINUTE);
    assert.equal(await status(), 'InService');
    assert.deepEqual((await sm.send(new ListNotebookInstancesCommand({ StatusEquals: 'InService' }))).NotebookInstances?.map((n) => n.NotebookInstanceName), ['analysis']);
    await sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'analysis' }));
    emu.clock.advance(2 * MINUTE);
    await sm.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: 'analysis' }));
    assert.equal(await status(), 'Deleting');
    emu.clock.advance(3 * MINUTE);
    const gone = await rejection(status());
    assert.deepEqual([gone.name, gone.message], ['ValidationException', 'RecordNotFound']);
  });
});
