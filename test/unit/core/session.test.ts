import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classifyAwsError } from '../../../src/core/aws/errors';
import { AwsSession } from '../../../src/core/aws/session';
import { listDomains } from '../../../src/core/resources/domains';
import { startEmulator, type Emulator } from '../../emulator';
import { enterAwsHome, type AwsHome } from '../support/awsHome';

/**
 * The session against the local service, with every kind of profile the AWS shared files can
 * hold. Real SDK clients sign real requests; only the files and environment are the test's.
 */
describe('AWS session and client factory', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let home: string;
  let awsHome: AwsHome;

  before(async () => {
    emulator = await startEmulator({ data: 'demo' });
  });

  after(async () => {
    await emulator.stop();
  });

  beforeEach(async () => {
    awsHome = await enterAwsHome('smc-session-');
    home = awsHome.home;
  });

  afterEach(() => awsHome.leave());

  const writeFiles = async (config: string, credentials = ''): Promise<void> => {
    await writeFile(join(home, '.aws', 'config'), config);
    await writeFile(join(home, '.aws', 'credentials'), credentials);
  };

  const staticKeys = (): string =>
    `aws_access_key_id = ${emulator.credentials.accessKeyId}\naws_secret_access_key = ${emulator.credentials.secretAccessKey}\n`;

  const session = async (settings: { profile?: string; region?: string; endpointUrl?: string } = {}): Promise<AwsSession> => {
    const s = new AwsSession({ userAgent: 'sagemaker-companion/test', home, maxAttempts: 1 });
    await s.update({ endpointUrl: emulator.url, serviceEndpoints: { sts: emulator.url, s3: emulator.url }, ...settings });
    return s;
  };

  it('signs as a static-key profile and reads the profile region', async () => {
    await writeFiles('[profile team]\nregion = eu-west-1\n', `[team]\n${staticKeys()}`);
    const s = await session({ profile: 'team' });
    assert.equal(s.connection.region, 'eu-west-1');
    assert.equal((await s.identity()).account, emulator.accountId);
    const domains = await listDomains(s.clients, 'eu-west-1');
    assert.deepEqual(
      domains.map((d) => d.id).sort(),
      emulator.state.list('domain', 'eu-west-1').map((d) => (d as { DomainId: string }).DomainId).sort(),
    );
    const sent = emulator.requests.list({ operation: 'ListDomains' });
    assert.equal(sent.at(-1)?.region, 'eu-west-1');
    s.dispose();
  });

  it('assumes the role of a role_arn + source_profile profile through STS', async () => {
    await writeFiles(
      `[profile base]\nregion = us-east-1\n[profile platform]\nrole_arn = arn:aws:iam::${emulator.accountId}:role/MLPlatform\nsource_profile = base\nregion = us-east-1\n`,
      `[base]\n${staticKeys()}`,
    );
    const s = await session({ profile: 'platform' });
    const identity = await s.identity();
    assert.match(identity.arn, /assumed-role\/MLPlatform\//);
    assert.ok(emulator.requests.list({ operation: 'AssumeRole' }).length >= 1);
    s.dispose();
  });

  it('runs credential_process and signs with what it prints', async () => {
    const script = join(home, 'creds.js');
    await writeFile(
      script,
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(emulator.credentials.accessKeyId)}, SecretAccessKey: ${JSON.stringify(emulator.credentials.secretAccessKey)} }));\n`,
    );
    await writeFiles(`[profile vault]\nregion = us-east-1\ncredential_process = ${process.execPath} ${script}\n`);
    const s = await session({ profile: 'vault' });
    assert.equal((await s.identity()).account, emulator.accountId);
    s.dispose();
  });

  for (const style of ['sso_session', 'legacy'] as const) {
    it(`signs with an IAM Identity Center (${style}) profile once signed in, and says to sign in when not`, async () => {
      const startUrl = 'https://corp.awsapps.com/start';
      const profile =
        style === 'sso_session'
          ? `[profile ml]\nsso_session = corp\nsso_account_id = ${emulator.accountId}\nsso_role_name = DataScientist\nregion = us-east-1\n[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`
          : `[profile ml]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = ${emulator.accountId}\nsso_role_name = DataScientist\nregion = us-east-1\n`;
      await writeFiles(profile);
      process.env.AWS_ENDPOINT_URL_SSO = emulator.url;

      const signedOut = await session({ profile: 'ml' });
      const failure = await signedOut.identity().then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.equal(classifyAwsError(failure).kind, 'ssoExpired');
      signedOut.dispose();

      const token = `token-${style}`;
      emulator.sso.registerToken(token, { accountId: emulator.accountId, roleName: 'DataScientist' });
      const cacheKey = createHash('sha1').update(style === 'sso_session' ? 'corp' : startUrl).digest('hex');
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      await writeFile(
        join(home, '.aws', 'sso', 'cache', `${cacheKey}.json`),
        JSON.stringify({ accessToken: token, expiresAt, region: 'us-east-1', startUrl }),
      );
      const signedIn = await session({ profile: 'ml' });
      assert.match((await signedIn.identity()).arn, /AWSReservedSSO_DataScientist/);
      signedIn.dispose();
    });
  }

  it('reports an unknown profile before sending anything', async () => {
    await writeFiles('[profile team]\nregion = us-east-1\n', `[team]\n${staticKeys()}`);
    emulator.requests.clear();
    const s = await session({ profile: 'nope' });
    const failure = await s.identity().then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.equal(classifyAwsError(failure).kind, 'unknownProfile');
    assert.equal(emulator.requests.list().length, 0);
    s.dispose();
  });

  it('honours AWS_ENDPOINT_URL_SAGEMAKER when no endpoint setting is given', async () => {
    await writeFiles('[default]\nregion = us-east-1\n', `[default]\n${staticKeys()}`);
    process.env.AWS_ENDPOINT_URL_SAGEMAKER = emulator.url;
    emulator.requests.clear();
    const s = new AwsSession({ userAgent: 'sagemaker-companion/test', home, maxAttempts: 1 });
    await s.update({});
    await listDomains(s.clients, 'us-east-1');
    assert.equal(emulator.requests.list({ operation: 'ListDomains' }).length, 1);
    s.dispose();
  });

  it('builds new clients only when the connection changes', async () => {
    await writeFiles('[profile a]\nregion = us-east-1\n[profile b]\nregion = eu-west-1\n', `[a]\n${staticKeys()}[b]\n${staticKeys()}`);
    const s = await session({ profile: 'a' });
    const changes: string[] = [];
    s.onDidChange((c) => changes.push(`${c.profile}@${c.region}`));
    const first = await s.clients.sagemaker();
    assert.equal(await s.update({ profile: 'a', endpointUrl: emulator.url, serviceEndpoints: { sts: emulator.url, s3: emulator.url } }), false);
    assert.equal(await s.clients.sagemaker(), first);
    assert.equal(await s.update({ profile: 'b', endpointUrl: emulator.url, serviceEndpoints: { sts: emulator.url, s3: emulator.url } }), true);
    assert.deepEqual(changes, ['b@eu-west-1']);
    s.dispose();
  });

  it('starts with a config file that cannot be read, and keeps the profiles of the credentials file', async () => {
    // What activation does: a folder where the config file should be cannot be read, even by root.
    await rm(join(home, '.aws', 'config'), { force: true });
    await mkdir(join(home, '.aws', 'config'));
    await writeFile(join(home, '.aws', 'credentials'), `[team]\n${staticKeys()}`);
    const s = new AwsSession({ userAgent: 'sagemaker-companion/test', home, maxAttempts: 1 });
    assert.equal(s.updateSync({ profile: 'team', endpointUrl: emulator.url, serviceEndpoints: { sts: emulator.url } }), true);
    assert.deepEqual(
      s.sharedConfig.problems.map((p) => [p.path, p.message]),
      [[join(home, '.aws', 'config'), 'could not be read (it is a folder, not a file, EISDIR); its profiles are not available.']],
    );
    assert.equal((await s.identity()).account, emulator.accountId);
    await writeFile(join(home, '.aws', 'credentials'), `[team]\n${staticKeys()}oops\n`);
    await s.update({ profile: 'team', endpointUrl: emulator.url, serviceEndpoints: { sts: emulator.url } });
    assert.deepEqual(
      s.sharedConfig.problems.map((p) => [p.path, p.line]),
      [[join(home, '.aws', 'config'), undefined], [join(home, '.aws', 'credentials'), 4]],
    );
    s.dispose();
  });
});
