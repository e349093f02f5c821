import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateModelCommand, DescribeEndpointCommand, ListAppsCommand, ListDomainsCommand, ListModelsCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/index';
import { clientsFor, rejection, ROLE, start, XGB_IMAGE } from './helpers';

const SECOND = { accessKeyId: 'AKIDLOCALSECONDKEY01', secretAccessKey: 'second/secret/key' };

describe('local service: signatures, credentials, access rules and regions', () => {
  let emu: Emulator;

  before(async () => {
    emu = await start({ data: 'demo', clockSpeed: 0 });
    emu.accounts.register(SECOND);
  });
  after(() => emu.stop());
  afterEach(() => emu.access.clear());

  it('rejects a wrong secret and unknown keys the way each service does', async () => {
    const wrong = clientsFor(emu, { credentials: { accessKeyId: emu.credentials.accessKeyId, secretAccessKey: 'not-the-secret' } });
    const sm = await rejection(wrong.sagemaker.send(new ListDomainsCommand({})));
    assert.equal(sm.name, 'InvalidSignatureException');
    assert.equal(sm.$metadata?.httpStatusCode, 400);
    assert.match(sm.message, /^The request signature we calculated does not match the signature you provided/);
    const s3 = await rejection(wrong.s3.send(new ListObjectsV2Command({ Bucket: 'sagemaker-us-east-1-123456789012' })));
    assert.equal(s3.name, 'SignatureDoesNotMatch');
    assert.equal(s3.$metadata?.httpStatusCode, 403);
    const unknown = clientsFor(emu, { credentials: { accessKeyId: 'AKIDNOBODY0000000000', secretAccessKey: 'x' } });
    const u = await rejection(unknown.sagemaker.send(new ListDomainsCommand({})));
    assert.equal(u.name, 'UnrecognizedClientException');
    assert.equal(u.message, 'The security token included in the request is invalid.');
    assert.equal((await rejection(unknown.sts.send(new GetCallerIdentityCommand({})))).name, 'InvalidClientTokenId');
    assert.equal((await rejection(unknown.s3.send(new ListObjectsV2Command({ Bucket: 'sagemaker-us-east-1-123456789012' })))).name, 'InvalidAccessKeyId');
    const unsigned = await fetch(`${emu.url}/`, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListDomains', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    assert.equal(unsigned.status, 400);
    assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    const unknownOp = await fetch(`${emu.url}/`, { method: 'POST', headers: { 'x-amz-target': 'SageMaker.ListTrainingJobz', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    assert.equal(unknownOp.status, 400);
  });

  it('tells who is calling and issues temporary credentials that then work', async () => {
    const { sts } = clientsFor(emu);
    const me = await sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Account, me.Arn], ['123456789012', 'arn:aws:sts::123456789012:assumed-role/DataScientist/ana']);
    const second = await clientsFor(emu, { credentials: SECOND }).sts.send(new GetCallerIdentityCommand({}));
    assert.equal(second.Arn, 'arn:aws:iam::123456789012:user/akidlocalsecondkey01');
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/CrossAccountReader', RoleSessionName: 'audit' }));
    const creds = assumed.Credentials!;
    assert.match(creds.AccessKeyId!, /^ASID/);
    assert.ok(creds.Expiration! > new Date());
    assert.equal(assumed.AssumedRoleUser?.Arn, 'arn:aws:sts::210987654321:assumed-role/CrossAccountReader/audit');
    const other = clientsFor(emu, { credentials: { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! } });
    assert.equal((await other.sts.send(new GetCallerIdentityCommand({}))).Account, '210987654321');
    assert.deepEqual((await other.sagemaker.send(new ListTrainingJobsCommand({}))).TrainingJobSummaries, [], 'another account has its own, empty state');
    const noToken = clientsFor(emu, { credentials: { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey! } });
    assert.equal((await rejection(noToken.sagemaker.send(new ListDomainsCommand({})))).name, 'UnrecognizedClientException');
  });

  it('denies by operation and key, by input subset and by predicate, with the IAM message', async () => {
    emu.access.deny({ operation: 'ListApps', accessKeyId: SECOND.accessKeyId });
    const denied = await rejection(clientsFor(emu, { credentials: SECOND }).sagemaker.send(new ListAppsCommand({})));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(denied.$metadata?.httpStatusCode, 400);
    assert.equal(denied.message, 'User: arn:aws:iam::123456789012:user/akidlocalsecondkey01 is not authorized to perform: sagemaker:ListApps on resource: arn:aws:sagemaker:us-east-1:123456789012:app/*/*/*/* because no identity-based policy allows the sagemaker:ListApps action');
    const { sagemaker } = clientsFor(emu);
    await sagemaker.send(new ListAppsCommand({}));
    emu.access.deny({ operation: 'sagemaker:ListApps', match: { UserProfileNameEquals: 'ana' } });
    await sagemaker.send(new ListAppsCommand({ UserProfileNameEquals: 'ben' }));
    const ana = await rejection(sagemaker.send(new ListAppsCommand({ UserProfileNameEquals: 'ana' })));
    assert.match(ana.message, /^User: arn:aws:sts::123456789012:assumed-role\/DataScientist\/ana is not authorized to perform: sagemaker:ListApps/);
    emu.access.deny({ operation: 'DescribeEndpoint', match: (input) => (input as { EndpointName?: string }).EndpointName?.includes('prod') === true });
    await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'llm-summarizer-g5' }));
    const prod = await rejection(sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detection-prod' })));
    assert.match(prod.message, /on resource: arn:aws:sagemaker:us-east-1:123456789012:endpoint\/fraud-detection-prod because/);
    emu.access.deny({ operation: 's3:PutObject' });
    const put = await rejection(clientsFor(emu).s3.send(new PutObjectCommand({ Bucket: 'sagemaker-us-east-1-123456789012', Key: 'x/y.txt', Body: 'hi' })));
    assert.equal(put.name, 'AccessDenied');
    assert.equal(put.$metadata?.httpStatusCode, 403);
    const logged = emu.requests.list({ operation: 'ListApps', errorCode: 'AccessDeniedException' });
    assert.equal(logged.length, 2);
  });

  it('answers a region that is not enabled as an invalid token, and keeps regions apart', async () => {
    const eu = clientsFor(emu, { region: 'eu-west-1' }).sagemaker;
    const us = clientsFor(emu, { region: 'us-east-1' }).sagemaker;
    const euDomains = (await eu.send(new ListDomainsCommand({}))).Domains!.map((d) => d.DomainName);
    const usDomains = (await us.send(new ListDomainsCommand({}))).Domains!.map((d) => d.DomainName);
    assert.deepEqual(euDomains, ['eu-analytics']);
    assert.deepEqual(usDomains.sort(), ['ml-platform', 'research-sandbox']);
    await eu.send(new CreateModelCommand({ ModelName: 'eu-only', PrimaryContainer: { Image: XGB_IMAGE }, ExecutionRoleArn: ROLE }));
    assert.ok((await eu.send(new ListModelsCommand({ NameContains: 'eu-only' }))).Models!.length === 1);
    assert.ok((await us.send(new ListModelsCommand({ NameContains: 'eu-only' }))).Models!.length === 0);
    const fresh = clientsFor(emu, { region: 'ap-southeast-2' }).sagemaker;
    assert.deepEqual((await fresh.send(new ListDomainsCommand({}))).Domains, [], 'an unseeded region is empty');
    emu.access.disableRegion('ap-southeast-2');
    const off = await rejection(fresh.send(new ListDomainsCommand({})));
    assert.equal(off.name, 'UnrecognizedClientException');
    assert.equal(off.message, 'The security token included in the request is invalid');
    await us.send(new ListDomainsCommand({}));
  });

  describe('credential providers against the local STS and SSO portal', () => {
    let dir: string;
    const saved: Record<string, string | undefined> = {};
    const setEnv = (vars: Record<string, string>): void => {
      for (const [k, v] of Object.entries(vars)) {
        saved[k] = process.env[k];
        process.env[k] = v;
      }
    };

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'local-aws-config-'));
    });
    afterEach(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('completes an SSO profile through the portal stand-in (AWS_ENDPOINT_URL_SSO)', async () => {
      writeFileSync(join(dir, 'config'), [
        '[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = DataScientist', 'region = us-east-1', '',
        '[sso-session corp]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
      ].join('\n'));
      const cache = join(dir, '.aws', 'sso', 'cache');
      mkdirSync(cache, { recursive: true });
      const token = 'local-sso-access-token';
      writeFileSync(join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify({
        accessToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'us-east-1', startUrl: 'https://example.awsapps.com/start',
      }));
      setEnv({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_ENDPOINT_URL_SSO: emu.url });
      const unregistered = await rejection(fromSSO({ profile: 'sso-dev' })());
      assert.match(unregistered.name, /Unauthorized|CredentialsProviderError/);
      emu.sso.registerToken(token, { accountId: '123456789012', roleName: 'DataScientist' });
      const creds = await fromSSO({ profile: 'sso-dev' })();
      assert.ok(creds.sessionToken);
      const who = await clientsFor(emu, { credentials: creds }).sts.send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn!, /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_DataScientist_[0-9a-f]{16}\/sso-user$/);
    });

    it('assumes a role_arn + source_profile profile through the local STS', async () => {
      writeFileSync(join(dir, 'credentials'), ['[base]', `aws_access_key_id = ${emu.credentials.accessKeyId}`, `aws_secret_access_key = ${emu.credentials.secretAccessKey}`, ''].join('\n'));
      writeFileSync(join(dir, 'config'), ['[profile admin]', 'role_arn = arn:aws:iam::123456789012:role/Admin', 'source_profile = base', 'region = us-east-1', ''].join('\n'));
      setEnv({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_ENDPOINT_URL_STS: emu.url });
      const creds = await fromIni({ profile: 'admin' })();
      const who = await clientsFor(emu, { credentials: creds }).sts.send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn!, /^arn:aws:sts::123456789012:assumed-role\/Admin\//);
    });
  });
});
