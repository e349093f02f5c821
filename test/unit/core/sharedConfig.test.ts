import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildSharedConfig,
  describeProfile,
  formatSharedFileProblem,
  loadSharedConfig,
  loadSharedConfigSync,
  parseIni,
  sharedFilePaths,
  ssoRegionFor,
} from '../../../src/core/aws/sharedConfig';

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

  it('knows the sso_region that signs in each profile, through source_profile too', () => {
    assert.equal(shared.profiles.get('ml-team')?.ssoRegion, 'eu-west-1');
    assert.equal(shared.profiles.get('legacy-sso')?.ssoRegion, 'us-east-1');
    const chained = buildSharedConfig(`${config}\n[profile on-top]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = ml-team\n`, credentials, paths);
    assert.equal(ssoRegionFor(chained, 'on-top'), 'eu-west-1');
    assert.equal(ssoRegionFor(chained, 'prod'), undefined);
    assert.deepEqual(shared.problems, [], 'a well-formed pair of files has no problems');
  });
});

describe('shared config files that are malformed or unreadable', () => {
  it('reads what it can and says which line of which file is wrong, without repeating the line', () => {
    const badConfig = [
      'region = eu-west-1', // 1: before any section
      '[default]', // 2
      'region = us-east-1', // 3
      '[profile broken', // 4: unclosed header
      'region = ap-south-1', // 5: ignored with it
      '[profile ok]', // 6
      'this line has no equals sign', // 7
      'region = eu-north-1', // 8
      '[]', // 9: empty header
      '[profile __proto__]', // 10
      '[profile orphan]', // 11
      'sso_session = missing', // 12
    ].join('\n');
    const badCredentials = '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n';
    const shared = buildSharedConfig(badConfig, badCredentials, paths);
    assert.deepEqual(shared.problems.map(formatSharedFileProblem), [
      '/home/ana/.aws/config line 1: a setting comes before any [section] header; it is ignored.',
      '/home/ana/.aws/config line 4: the section header is not closed or names nothing (expected [profile NAME]); the lines up to the next header are ignored.',
      '/home/ana/.aws/config line 7: the line is not a key = value pair; it is ignored.',
      '/home/ana/.aws/config line 9: the section header is not closed or names nothing (expected [profile NAME]); the lines up to the next header are ignored.',
      '/home/ana/.aws/config line 10: "profile __proto__" cannot be used as a profile name; the AWS SDK refuses the whole file because of it.',
      '/home/ana/.aws/credentials line 3: the line is not a key = value pair; it is ignored.',
      '/home/ana/.aws/config: profile "orphan" names sso_session "missing", but there is no [sso-session missing] section.',
    ]);
    assert.equal(shared.profiles.get('default')?.region, 'us-east-1');
    assert.equal(shared.profiles.get('ok')?.region, 'eu-north-1');
    assert.equal(shared.profiles.has('broken'), false);
    assert.ok(!shared.problems.some((p) => p.message.includes('wJalr')), 'a malformed credentials line is never repeated');
  });

  it('reports lines of text that is not UTF-8', () => {
    const text = Buffer.from([...Buffer.from('[default]\nregion = '), 0xff, 0xfe, ...Buffer.from('\n')]).toString('utf8');
    const problems: Array<{ line: number; message: string }> = [];
    parseIni(text, problems);
    assert.deepEqual(problems, [{ line: 2, message: 'the line holds bytes that are not UTF-8 text.' }]);
  });

  describe('from disk', () => {
    let home: string;
    beforeEach(async () => {
      home = await mkdtemp(join(tmpdir(), 'smc-shared-'));
      await mkdir(join(home, '.aws'));
    });
    afterEach(() => rm(home, { recursive: true, force: true }));

    it('treats a file that cannot be read as empty and says why, synchronously and not, instead of throwing', async () => {
      // A folder where the file should be cannot be read by anyone, root included.
      await mkdir(join(home, '.aws', 'config'));
      await writeFile(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = abcdefghijklmnopqrstuvwxyz0123456789ABCD\n');
      const expected = [`${join(home, '.aws', 'config')}: could not be read (it is a folder, not a file, EISDIR); its profiles are not available.`];
      const sync = loadSharedConfigSync({}, home);
      assert.deepEqual(sync.problems.map(formatSharedFileProblem), expected);
      assert.deepEqual([...sync.profiles.keys()], ['default']);
      const async = await loadSharedConfig({}, home);
      assert.deepEqual(async.problems.map(formatSharedFileProblem), expected);
    });

    it('reports nothing for files that do not exist', async () => {
      assert.deepEqual(loadSharedConfigSync({}, home).problems, []);
      assert.deepEqual((await loadSharedConfig({}, home)).problems, []);
    });
  });
});
