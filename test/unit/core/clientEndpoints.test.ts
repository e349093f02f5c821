import { strict as assert } from 'node:assert';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetProductsCommand } from '@aws-sdk/client-pricing';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ListDomainsCommand } from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';

describe('client factory: per-region endpoints', () => {
  let env: EmulatorClients;

  before(async () => {
    env = await startWithClients({ data: 'demo', clockSpeed: 0, routing: 'strict' });
  });
  after(() => env.dispose());

  it('sends each client to its own region\'s address when the settings are {region} templates', async () => {
    const { clients, emulator } = env;
    const eu = await (await clients.sagemaker('eu-west-1')).send(new ListDomainsCommand({}));
    assert.deepEqual(eu.Domains?.map((d) => d.DomainName), ['eu-analytics']);
    const us = await (await clients.sagemaker('us-east-1')).send(new ListDomainsCommand({}));
    assert.equal(us.Domains?.length, 2);
    await (await clients.logs('eu-west-1')).send(new DescribeLogGroupsCommand({}));
    await (await clients.s3('us-east-1')).send(new ListObjectsV2Command({ Bucket: 'sagemaker-us-east-1-123456789012', MaxKeys: 1 }));
    await (await clients.sts()).send(new GetCallerIdentityCommand({}));
    await (await clients.pricing()).send(new GetProductsCommand({ ServiceCode: 'AmazonSageMaker', MaxResults: 1 }));
    assert.equal(clients.endpointFor('sagemaker', 'ap-south-1'), `${emulator.url}/aws/sagemaker/ap-south-1`);
    assert.deepEqual(emulator.routingViolations(), []);
    assert.deepEqual(
      emulator.requests.list().map((r) => [r.operation, r.region, r.status]),
      [
        ['ListDomains', 'eu-west-1', 200],
        ['ListDomains', 'us-east-1', 200],
        ['DescribeLogGroups', 'eu-west-1', 200],
        ['ListObjectsV2', 'us-east-1', 200],
        ['GetCallerIdentity', 'us-east-1', 200],
        ['GetProducts', 'us-east-1', 200],
      ],
    );
  });
});
