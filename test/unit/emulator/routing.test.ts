import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ListDomainsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-providers';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorControl } from '../../emulator/control';
import type { Emulator } from '../../emulator/index';
import { rejection, start } from './helpers';

const BUCKET = 'sagemaker-us-east-1-123456789012';

describe('local service: strict routing', () => {
  let emu: Emulator;

  before(async () => {
    emu = await start({ data: 'demo', clockSpeed: 0, routing: 'strict', ssoRegions: ['eu-central-1'] });
  });
  after(() => emu.stop());
  beforeEach(() => {
    emu.reset();
    emu.clearRoutingViolations();
  });

  const config = (service: Parameters<Emulator['endpointFor']>[0], region: string, signingRegion = region) => ({
    endpoint: emu.endpointFor(service, region),
    region: signingRegion,
    credentials: emu.credentials,
    maxAttempts: 1,
  });

  it('gives each service and region its own address', () => {
    assert.equal(emu.routing, 'strict');
    assert.equal(emu.endpointFor('sagemaker', 'eu-west-1'), `${emu.url}/aws/sagemaker/eu-west-1`);
    assert.equal(emu.endpointTemplate('s3'), `${emu.url}/aws/s3/{region}`);
  });

  it('answers every service at its own address in its own region, and records nothing', async () => {
    const eu = await new SageMakerClient(config('sagemaker', 'eu-west-1')).send(new ListDomainsCommand({}));
    assert.deepEqual(eu.Domains?.map((d) => d.DomainName), ['eu-analytics']);
    const objects = await new S3Client({ ...config('s3', 'us-east-1'), forcePathStyle: true }).send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1 }));
    assert.equal(objects.KeyCount, 1);
    assert.equal((await new STSClient(config('sts', 'us-east-1')).send(new GetCallerIdentityCommand({}))).Account, emu.accountId);
    assert.ok((await new CloudWatchLogsClient(config('logs', 'us-east-1')).send(new DescribeLogGroupsCommand({}))).logGroups!.length > 0);
    const prices = await new PricingClient(config('pricing', 'eu-central-1')).send(new GetProductsCommand({ ServiceCode: 'AmazonSageMaker', MaxResults: 1 }));
    assert.equal((prices.PriceList as unknown[] | undefined)?.length, 1);
    const invoked = await new SageMakerRuntimeClient(config('runtime', 'us-east-1')).send(
      new InvokeEndpointCommand({ EndpointName: 'fraud-detection-prod', ContentType: 'text/csv', Body: new TextEncoder().encode('1,2,3') }),
    );
    assert.ok(invoked.Body && invoked.Body.length > 0);
    assert.deepEqual(emu.routingViolations(), []);
  });

  it('refuses a credential scope for another region as AWS does, and records it', async () => {
    const sm = await rejection(new SageMakerClient(config('sagemaker', 'eu-west-1', 'us-east-1')).send(new ListDomainsCommand({})));
    assert.equal(sm.name, 'InvalidSignatureException');
    assert.equal(sm.$metadata?.httpStatusCode, 400);
    assert.equal(sm.message, "Credential should be scoped to a valid region, not 'us-east-1'. ");
    const s3 = await rejection(new S3Client({ ...config('s3', 'eu-west-1', 'us-east-1'), forcePathStyle: true }).send(new ListObjectsV2Command({ Bucket: BUCKET })));
    assert.equal(s3.name, 'AuthorizationHeaderMalformed');
    assert.equal(s3.$metadata?.httpStatusCode, 400);
    assert.equal(s3.message, "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    assert.equal((s3 as unknown as { Region?: string }).Region, 'eu-west-1');
    const sts = await rejection(new STSClient(config('sts', 'eu-west-1', 'us-east-1')).send(new GetCallerIdentityCommand({})));
    assert.equal(sts.name, 'SignatureDoesNotMatch');
    assert.equal(sts.$metadata?.httpStatusCode, 403);
    const violations = emu.routingViolations();
    assert.deepEqual(
      violations.map((v) => [v.kind, v.address?.service, v.address?.region, v.signedRegion]),
      [
        ['wrongRegion', 'sagemaker', 'eu-west-1', 'us-east-1'],
        ['wrongRegion', 's3', 'eu-west-1', 'us-east-1'],
        ['wrongRegion', 'sts', 'eu-west-1', 'us-east-1'],
      ],
    );
  });

  it('serves a bucket only at its own region\'s S3 address', async () => {
    const s3 = new S3Client({ ...config('s3', 'us-east-1'), forcePathStyle: true });
    const err = await rejection(s3.send(new ListObjectsV2Command({ Bucket: 'sagemaker-eu-west-1-123456789012' })));
    assert.equal(err.name, 'PermanentRedirect');
    assert.equal(err.$metadata?.httpStatusCode, 301);
    const [violation] = emu.routingViolations();
    assert.deepEqual([violation?.kind, violation?.address?.region, violation?.message], ['wrongRegion', 'us-east-1', 'bucket sagemaker-eu-west-1-123456789012 is in eu-west-1, not us-east-1']);
    const eu = new S3Client({ ...config('s3', 'eu-west-1'), forcePathStyle: true });
    await eu.send(new ListObjectsV2Command({ Bucket: 'sagemaker-eu-west-1-123456789012', MaxKeys: 1 }));
    assert.equal(emu.routingViolations().length, 1);
  });

  it('refuses a credential scope for another service, and records it', async () => {
    const logsAtSageMaker = new CloudWatchLogsClient({ ...config('sagemaker', 'us-east-1') });
    const err = await rejection(logsAtSageMaker.send(new DescribeLogGroupsCommand({})));
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.message, "Credential should be scoped to correct service: 'sagemaker'. ");
    const [violation] = emu.routingViolations();
    assert.deepEqual([violation?.kind, violation?.signedService, violation?.address?.service], ['wrongService', 'logs', 'sagemaker']);
  });

  it('behaves as a host that does not exist at addresses AWS does not have', async () => {
    const pricing = await rejection(new PricingClient(config('pricing', 'eu-west-1')).send(new GetProductsCommand({ ServiceCode: 'AmazonSageMaker', MaxResults: 1 })));
    assert.equal(pricing.$metadata?.httpStatusCode, undefined, 'no HTTP answer: the connection was closed');
    await assert.rejects(fetch(`${emu.endpointFor('sso', 'us-east-1')}/federation/credentials?role_name=r&account_id=${emu.accountId}`), TypeError);
    await assert.rejects(fetch(`${emu.url}/aws/ec2/us-east-1/`), TypeError);
    await assert.rejects(fetch(`${emu.url}/aws/sagemaker/moon-west-1/`, { method: 'POST' }), TypeError);
    await assert.rejects(fetch(`${emu.url}/`, { method: 'POST' }), TypeError);
    assert.deepEqual(
      emu.routingViolations().map((v) => [v.kind, v.address?.service, v.address?.region]),
      [
        ['noSuchAddress', 'pricing', 'eu-west-1'],
        ['noSuchAddress', 'sso', 'us-east-1'],
        ['noSuchAddress', 'ec2', 'us-east-1'],
        ['noSuchAddress', 'sagemaker', 'moon-west-1'],
        ['noSuchAddress', undefined, undefined],
      ],
    );
    const control = new EmulatorControl(emu.url);
    assert.equal((await control.routingViolations()).length, 5, 'the control API shows the same violations');
  });

  it('records an SSO bearer token, refresh token or client secret sent to STS, by kind and never by value', async () => {
    const bearer = 'sso-bearer-token-value-1234';
    const portal = await fetch(`${emu.endpointFor('sts', 'us-east-1')}/federation/credentials?role_name=DataScientist&account_id=${emu.accountId}`, {
      headers: { 'x-amz-sso_bearer_token': bearer },
    });
    assert.equal(portal.status, 403, 'STS answers an unsigned request as unauthenticated');
    const refresh = await fetch(`${emu.endpointFor('sts', 'us-east-1')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'client-1', clientSecret: 'client-secret-value-5678', grantType: 'refresh_token', refreshToken: 'refresh-token-value-9012' }),
    });
    assert.equal(refresh.status, 403);
    const violations = emu.routingViolations();
    assert.deepEqual(violations.map((v) => [v.kind, v.address?.service, v.secrets, v.operation]), [
      ['secretToWrongAddress', 'sts', ['ssoBearerToken'], 'GetRoleCredentials'],
      ['secretToWrongAddress', 'sts', ['refreshToken', 'clientSecret'], 'CreateToken'],
    ]);
    const everything = JSON.stringify([violations, emu.requests.list(), await new EmulatorControl(emu.url).routingViolations()]);
    for (const secret of [bearer, 'client-secret-value-5678', 'refresh-token-value-9012']) assert.ok(!everything.includes(secret), 'no secret is kept');
  });

  describe('SSO and SSO-OIDC in the sso_region', () => {
    let dir: string;
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'strict-sso-'));
    });
    afterEach(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('refreshes an sso-session token at the OIDC address and signs in at the portal address', async () => {
      writeFileSync(join(dir, 'config'), [
        '[profile sso-dev]', 'sso_session = corp', `sso_account_id = ${emu.accountId}`, 'sso_role_name = DataScientist', 'region = us-east-1', '',
        '[sso-session corp]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = eu-central-1', 'sso_registration_scopes = sso:account:access', '',
      ].join('\n'));
      const cache = join(dir, '.aws', 'sso', 'cache');
      mkdirSync(cache, { recursive: true });
      const cacheFile = join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`);
      writeFileSync(cacheFile, JSON.stringify({
        accessToken: 'expired-access-token',
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
        refreshToken: 'local-refresh-token',
        clientId: 'local-client',
        clientSecret: 'local-client-secret',
        registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        region: 'eu-central-1',
        startUrl: 'https://example.awsapps.com/start',
      }));
      emu.sso.registerRefreshToken('local-refresh-token', { clientId: 'local-client', clientSecret: 'local-client-secret', accountId: emu.accountId, roleName: 'DataScientist' });
      const env = {
        HOME: dir,
        AWS_CONFIG_FILE: join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_ENDPOINT_URL_SSO: emu.endpointFor('sso', 'eu-central-1'),
        AWS_ENDPOINT_URL_SSO_OIDC: emu.endpointFor('oidc', 'eu-central-1'),
      };
      for (const [k, v] of Object.entries(env)) {
        saved[k] = process.env[k];
        process.env[k] = v;
      }
      const creds = await fromSSO({ profile: 'sso-dev' })();
      const who = await new STSClient({ ...config('sts', 'us-east-1'), credentials: creds }).send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn!, /assumed-role\/AWSReservedSSO_DataScientist_/);
      assert.deepEqual(emu.requests.list((r) => r.service.startsWith('sso')).map((r) => [r.service, r.operation, r.region, r.status]), [
        ['sso-oidc', 'CreateToken', 'eu-central-1', 200],
        ['sso', 'GetRoleCredentials', 'eu-central-1', 200],
      ]);
      assert.notEqual((JSON.parse(readFileSync(cacheFile, 'utf8')) as { accessToken?: string }).accessToken, 'expired-access-token', 'the refreshed token is cached');
      assert.deepEqual(emu.routingViolations(), []);
    });
  });
});
