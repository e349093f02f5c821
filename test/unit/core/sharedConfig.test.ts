import { strict as assert } from 'node:assert';
import { buildSharedConfig, describeProfile, parseIni, sharedFilePaths } from '../../../src/core/aws/sharedConfig';

const paths = { configPath: '/home/ana/.aws/config', credentialsPath: '/home/ana/.aws/credentials' };

const config = `
[default]
region = us-east-1

[profile ml-team]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = DataScientist
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = Admin

[profile prod]
role_arn = arn:aws:iam::999988887777:role/MLPlatform
source_profile = default
region = us-west-2  # inline comment

[profile vault]
credential_process = /usr/local/bin/vault-aws --role ml

[profile local]
region = us-east-1
services = local-sagemaker

[services local-sagemaker]
sagemaker =
  endpoint_url = http://127.0.0.1:4566
`;

const credentials = `
# keys
[default]
aws_access_key_id = AKIAEXAMPLEEXAMPLE01
aws_secret_access_key = abcdefghijklmnopqrstuvwxyz0123456789ABCD

[local]
aws_access_key_id = AKIAEXAMPLEEXAMPLE02
aws_secret_access_key = abcdefghijklmnopqrstuvwxyz0123456789ABCD
`;

describe('shared config files', () => {
  const shared = buildSharedConfig(config, credentials, paths);

  it('lists every profile from both files, default first', () => {
    assert.deepEqual([...shared.profiles.keys()], ['default', 'legacy-sso', 'local', 'ml-team', 'prod', 'vault']);
  });

  it('tells the kind of each profile', () => {
    const kinds = Object.fromEntries([...shared.profiles.values()].map((p) => [p.name, p.kind]));
    assert.deepEqual(kinds, {
      default: 'static',
      'legacy-sso': 'ssoLegacy',
      local: 'static',
      'ml-team': 'sso',
      prod: 'assumeRole',
      vault: 'process',
    });
  });

  it('reads region, SSO session start URL and inline comments as the SDK does', () => {
    assert.equal(shared.profiles.get('prod')?.region, 'us-west-2');
    assert.equal(shared.profiles.get('ml-team')?.ssoStartUrl, 'https://corp.awsapps.com/start');
    assert.equal(shared.profiles.get('ml-team')?.region, 'eu-west-1');
    assert.equal(shared.ssoSessions.get('corp')?.sso_region, 'eu-west-1');
  });

  it('records which file a profile comes from', () => {
    const local = shared.profiles.get('local');
    assert.equal(local?.inConfigFile, true);
    assert.equal(local?.inCredentialsFile, true);
    assert.equal(shared.profiles.get('vault')?.inCredentialsFile, false);
  });

  it('flattens indented sub-sections (services endpoint_url)', () => {
    const sections = parseIni(config);
    assert.equal(sections.get('services local-sagemaker')?.['sagemaker.endpoint_url'], 'http://127.0.0.1:4566');
  });

  it('describes a profile in one line without secrets', () => {
    assert.equal(describeProfile(shared.profiles.get('ml-team')!), 'IAM Identity Center · 111122223333 · DataScientist · eu-west-1');
    assert.equal(describeProfile(shared.profiles.get('prod')!), 'assumes arn:aws:iam::999988887777:role/MLPlatform via default · us-west-2');
    assert.ok(!describeProfile(shared.profiles.get('default')!).includes('AKIA'));
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    assert.deepEqual(sharedFilePaths({ AWS_CONFIG_FILE: '/tmp/c', AWS_SHARED_CREDENTIALS_FILE: '/tmp/k' }, '/home/x'), {
      configPath: '/tmp/c',
      credentialsPath: '/tmp/k',
    });
    assert.deepEqual(sharedFilePaths({}, '/home/x'), { configPath: '/home/x/.aws/config', credentialsPath: '/home/x/.aws/credentials' });
  });
});
